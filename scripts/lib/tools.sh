# shellcheck shell=bash
# Installs, from Debian's packages, whichever of the tools the test suite uses is missing.
# Sourced by scripts/test; defines ensure_tools.

# "what proves the tool is there" "the Debian package that provides it"
readonly SHOMEI_TOOLS=(
  "java openjdk-17-jdk-headless"
  "mvn maven"
  "openssl openssl"
  "/usr/lib/postgresql/15/bin/initdb postgresql-15"
  "/usr/lib/postgresql/15/bin/pg_isready postgresql-client-15"
  "softhsm2-util softhsm2"
  "/usr/lib/softhsm/libsofthsm2.so softhsm2"
  "pkcs11-tool opensc"
)

# Prints the packages, once each, whose tools are missing.
missing_packages() {
  local entry tool package
  local -A seen=()
  for entry in "${SHOMEI_TOOLS[@]}"; do
    read -r tool package <<<"$entry"
    if [[ $tool == /* ]]; then
      [[ -e $tool ]] && continue
    else
      command -v "$tool" >/dev/null && continue
    fi
    [[ -n ${seen[$package]:-} ]] && continue
    seen[$package]=1
    echo "$package"
  done
}

ensure_tools() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} == 0)) && return 0

  if ((EUID != 0)); then
    echo "scripts/test: missing ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
  echo "scripts/test: installing ${missing[*]}" >&2
  local log
  log=$(mktemp)
  if ! { apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
       } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "scripts/test: could not install ${missing[*]} with apt-get" >&2
    return 1
  fi
  rm -f "$log"

  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} > 0)); then
    echo "scripts/test: still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
}
