package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** multipart/form-data (RFC 7578) bodies, on exact bytes. */
class MultipartTest {
    private static final String CT = "multipart/form-data; boundary=XyZ";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void text_parts_decode_like_form_fields_and_file_parts_keep_their_bytes() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nHello; world\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\na\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"attachments[]\"; filename=\"a;b.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "line1\r\nline2\r\n"
                + "--XyZ--\r\n";
        Params p = Params.parse("x=1", CT, bytes(body));
        assertThat(p.string("subject")).contains("Hello; world");
        assertThat(p.list("tags")).contains(java.util.List.of("a"));
        assertThat(p.string("x")).contains("1");
        assertThat(p.files()).hasSize(1);
        Upload u = p.files().get(0);
        assertThat(u.field()).isEqualTo("attachments[]");
        assertThat(u.filename()).isEqualTo("a;b.txt");
        assertThat(u.declaredType()).isEqualTo("text/plain");
        assertThat(new String(u.bytes(), StandardCharsets.UTF_8)).isEqualTo("line1\r\nline2");
    }

    @Test
    void an_empty_file_input_is_no_file_and_binary_content_is_kept_exactly() {
        byte[] head = bytes("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n");
        byte[] data = {0, (byte) 0xff, '\r', '\n', '-', '-'};
        byte[] tail = bytes("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"none\"; filename=\"\"\r\n\r\n\r\n--XyZ--");
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        Params p = Params.parse(null, CT, body);
        assertThat(p.files()).hasSize(1);
        assertThat(p.files().get(0).bytes()).containsExactly(data);
    }

    @Test
    void bodies_without_a_boundary_or_with_an_unterminated_part_are_400() {
        assertThatThrownBy(() -> Params.parse(null, "multipart/form-data", bytes("--a\r\n")))
                .isInstanceOf(StewardException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> Params.parse(null, CT, bytes("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")))
                .isInstanceOf(StewardException.class).hasMessageContaining("not terminated");
        assertThatThrownBy(() -> Params.parse(null, CT, bytes("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--")))
                .isInstanceOf(StewardException.class).hasMessageContaining("name");
    }
}
