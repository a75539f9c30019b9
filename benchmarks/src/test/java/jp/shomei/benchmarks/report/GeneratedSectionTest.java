package jp.shomei.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratedSectionTest {

    private static final String PROSE_BEFORE = "# Benchmarks\n\nHow each figure is measured.\n\n";
    private static final String PROSE_AFTER = "\n\n## CRL publisher\n\nHand-written method, | tables | too |\n";

    @Test
    void theFirstRunPutsTheGeneratedPartAfterTheTitle() {
        String document = GeneratedSection.replace("# Benchmarks\n\n## CRL publisher\n", "## Latest suite run\n");

        assertThat(document).isEqualTo("# Benchmarks\n\n" + GeneratedSection.BEGIN + "\n## Latest suite run\n"
                + GeneratedSection.END + "\n\n## CRL publisher\n");
    }

    @Test
    void aLaterRunReplacesOnlyWhatIsBetweenTheMarkers() {
        String document = PROSE_BEFORE + GeneratedSection.BEGIN + "\nold figures\n" + GeneratedSection.END + PROSE_AFTER;

        String rewritten = GeneratedSection.replace(document, "new figures\n");

        assertThat(rewritten).isEqualTo(PROSE_BEFORE + GeneratedSection.BEGIN + "\nnew figures\n" + GeneratedSection.END
                + PROSE_AFTER);
        assertThat(GeneratedSection.replace(rewritten, "new figures\n")).isEqualTo(rewritten);
    }

    @Test
    void aDocumentWithOneMarkerOnlyIsLeftAlone() {
        assertThatThrownBy(() -> GeneratedSection.replace(PROSE_BEFORE + GeneratedSection.BEGIN + PROSE_AFTER, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marker");
    }
}
