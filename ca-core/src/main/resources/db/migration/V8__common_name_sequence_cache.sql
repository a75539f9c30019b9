-- H2 records a sequence's progress by committing its system session once per CACHE values, and that
-- commit writes every unsaved page of the transaction in progress: 6.6 % of a population batch's time
-- went there with H2's default of 32 (BENCHMARKS.md, "Generation cost"). Gaps were always allowed
-- (V1); a larger cache only skips more numbers after a crash (on PostgreSQL, per session).
ALTER SEQUENCE common_name_sequence CACHE 1000;
