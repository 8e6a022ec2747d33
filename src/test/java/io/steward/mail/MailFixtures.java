package io.steward.mail;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/** Objects the mail tests need, made through the admin API. */
final class MailFixtures {
    private MailFixtures() {}

    /** A Pending monthly USD service of the client. */
    static long service(TestServer server, long clientId) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "9.99",
                "first_payment", "9.99", "name", "Starter Hosting", "category", "Hosting", "category_slug", "hosting",
                "domain", "mail-" + System.nanoTime() + ".example");
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().at("/service/id").asLong();
    }

    /** The mail as the sandbox transport delivered it into {@code maildir}: its text and HTML parts. */
    record Delivered(String subject, String text, String html) {
        /** The password-reset token the mail carries. */
        String token() {
            var m = Pattern.compile("Token: (\\S+)").matcher(text);
            assertThat(m.find()).as(text).isTrue();
            return m.group(1);
        }
    }

    /** Delivers due mail, then reads mail {@code id} from the maildir. */
    static Delivered delivered(TestServer server, Path maildir, long id) {
        server.steward().mail().sender().runDueNow();
        Path file = maildir.resolve(id + ".eml");
        assertThat(file).as("mail %d delivered", id).exists();
        try (InputStream in = Files.newInputStream(file)) {
            var msg = new MimeMessage(Session.getInstance(new Properties()), in);
            var parts = (Multipart) msg.getContent();
            return new Delivered(msg.getSubject(), parts.getBodyPart(0).getContent().toString(),
                    parts.getBodyPart(1).getContent().toString());
        } catch (Exception e) {
            throw new AssertionError("reading delivered mail " + id, e);
        }
    }
}
