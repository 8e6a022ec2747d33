package io.steward.billing.document;

import io.steward.account.Actor;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;

/**
 * The UBL e-invoices (Peppol BIS Billing 3.0) of invoices and credit notes in both dialects: the
 * client's own ({@code GET /api/invoice/@id/ubl}, {@code /api/invoice/@id/creditnote/@note/ubl};
 * another client's is not found) and staff's ({@code /admin/api/invoices/@id/ubl},
 * {@code .../credit-notes/@note/ubl}). The same document as the PDF, in the other syntax; routes
 * and privileges are declared in {@code api.ClientApi} and {@code admin.AdminApi}.
 */
public final class UblHandlers {
    private final InvoiceDocuments documents;

    public UblHandlers(InvoiceDocuments documents) {
        this.documents = documents;
    }

    public Object clientInvoiceUbl(Call call) {
        return reply(documents.ofClient(call.get(Actor.class).clientId(), call.pathId("id")));
    }

    public Object clientCreditNoteUbl(Call call) {
        return reply(documents.creditNoteOfClient(call.get(Actor.class).clientId(), call.pathId("id"), call.pathId("note")));
    }

    public Object adminInvoiceUbl(Call call) {
        return reply(documents.of(call.pathId("id")));
    }

    public Object adminCreditNoteUbl(Call call) {
        return reply(documents.creditNote(call.pathId("id"), call.pathId("note")));
    }

    private static Reply reply(InvoiceDocument d) {
        String file = DocumentPdf.fileName(d).replaceFirst("\\.pdf$", ".xml");
        return new Reply(200, UblWriter.xml(d), "application/xml", Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""));
    }
}
