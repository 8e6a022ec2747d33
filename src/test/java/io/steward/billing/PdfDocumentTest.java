package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PDF writer on bytes: structure, offsets, escaping, text measurement. */
class PdfDocumentTest {
    @Test
    void a_one_page_document_has_a_valid_cross_reference_table_and_its_text() {
        var pdf = new PdfDocument("Test");
        pdf.text(50, 800, PdfDocument.BOLD, 12, "Hello (world) \\ back");
        pdf.line(50, 790, 300, 790, 0.5f);
        var parsed = PdfCheck.parse(pdf.toBytes());
        assertThat(parsed.pages()).isEqualTo(1);
        assertThat(parsed.objects()).isEqualTo(7);
        assertThat(parsed.text()).contains("(Hello \\(world\\) \\\\ back) Tj");
        assertThat(parsed.text()).contains("/BaseFont /Helvetica-Bold");
    }

    @Test
    void several_pages_each_get_a_page_object_and_a_content_stream() {
        var pdf = new PdfDocument("Pages");
        pdf.text(50, 800, PdfDocument.REGULAR, 10, "one");
        pdf.newPage();
        pdf.text(50, 800, PdfDocument.REGULAR, 10, "two");
        pdf.newPage();
        pdf.text(0, 50, 40, PdfDocument.REGULAR, 8, "footer on page one");
        var parsed = PdfCheck.parse(pdf.toBytes());
        assertThat(parsed.pages()).isEqualTo(3);
        assertThat(parsed.objects()).isEqualTo(5 + 2 * 3);
        assertThat(parsed.text().indexOf("(footer on page one)")).isLessThan(parsed.text().indexOf("(two)"));
    }

    @Test
    void characters_outside_win_ansi_become_question_marks_and_offsets_stay_right() {
        var pdf = new PdfDocument("Zoë – ünïcode");
        pdf.text(50, 800, PdfDocument.REGULAR, 10, "Zoë pays 10 € for 日本");
        byte[] bytes = pdf.toBytes();
        var parsed = PdfCheck.parse(bytes);
        // é, € and – exist in WinAnsi (one byte each); the CJK characters do not.
        assertThat(parsed.text()).contains("(Zo\u00eb pays 10 \u0080 for ??)");
    }

    @Test
    void text_is_measured_with_the_helvetica_widths() {
        assertThat(PdfDocument.width("0", PdfDocument.REGULAR, 10)).isEqualTo(5.56f);
        assertThat(PdfDocument.width("iW", PdfDocument.REGULAR, 1000)).isEqualTo(222 + 944);
        assertThat(PdfDocument.width("~", PdfDocument.REGULAR, 1000)).isEqualTo(584);
        assertThat(PdfDocument.width("~", PdfDocument.BOLD, 1000)).isEqualTo(584);
        assertThat(PdfDocument.width("i", PdfDocument.BOLD, 1000)).isEqualTo(278);
    }

    @Test
    void long_text_wraps_at_spaces_and_cuts_words_wider_than_the_column() {
        var lines = PdfDocument.wrap("alpha beta gamma delta", PdfDocument.REGULAR, 10, 60);
        assertThat(lines).allMatch(l -> PdfDocument.width(l, PdfDocument.REGULAR, 10) <= 60);
        assertThat(String.join(" ", lines)).isEqualTo("alpha beta gamma delta");
        var cut = PdfDocument.wrap("x".repeat(100), PdfDocument.REGULAR, 10, 50);
        assertThat(cut).hasSizeGreaterThan(1).allMatch(l -> PdfDocument.width(l, PdfDocument.REGULAR, 10) <= 50);
        assertThat(String.join("", cut)).isEqualTo("x".repeat(100));
    }
}
