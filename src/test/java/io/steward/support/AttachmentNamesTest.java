package io.steward.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names of attachments are made safe to store and to put in a header; quoted mail is trimmed. */
class AttachmentNamesTest {
    @Test
    void names_keep_their_last_segment_and_safe_characters_only() {
        assertThat(AttachmentStore.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AttachmentStore.sanitise("C:\\Users\\me\\report 2026.pdf")).isEqualTo("report_2026.pdf");
        assertThat(AttachmentStore.sanitise("\"quoted\"\r\nname.txt")).isEqualTo("_quoted_name.txt");
        assertThat(AttachmentStore.sanitise("...hidden.txt")).isEqualTo("hidden.txt");
        assertThat(AttachmentStore.sanitise("")).isEqualTo("attachment");
        assertThat(AttachmentStore.sanitise("x".repeat(300) + ".log")).hasSize(100).endsWith(".log");
    }

    @Test
    void quoted_text_of_a_mailed_reply_is_dropped() {
        assertThat(InboundMail.stripQuoted("Thanks!\n\nOn Tue, 1 Dec 2026 Support wrote:\n> earlier\n> text\n")).isEqualTo("Thanks!");
        assertThat(InboundMail.stripQuoted("> only a quote")).isEqualTo("> only a quote");
    }
}
