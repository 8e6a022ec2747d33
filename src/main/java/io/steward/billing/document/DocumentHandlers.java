package io.steward.billing.document;

import io.steward.account.Actor;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;

/**
 * The PDFs of invoices and credit notes in both dialects, each a Factur-X invoice (the PDF/A-3
 * with the document's EN 16931 CII embedded, {@link DocumentPdf#facturX}): the client's own ({@code GET
 * /api/invoice/@id/pdf}, {@code /api/invoice/@id/creditnote/@note/pdf}; another client's is not
 * found) and staff's ({@code /admin/api/invoices/@id/pdf}, {@code .../credit-notes/@note/pdf}).
 * Routes and privileges are declared in {@code api.ClientApi} and {@code admin.AdminApi}.
 */
public final class DocumentHandlers {
    private final InvoiceDocuments documents;
    private final DocumentPdf pdf;

    public DocumentHandlers(InvoiceDocuments documents, DocumentPdf pdf) {
        this.documents = documents;
        this.pdf = pdf;
    }

    public Object clientInvoicePdf(Call call) {
        return clientInvoicePdf(call.get(Actor.class).clientId(), call.pathId("id"));
    }

    /** The client's own invoice as its PDF (the client API and the web client area alike); another client's is not found. */
    public Reply clientInvoicePdf(long clientId, long invoiceId) {
        return reply(documents.ofClient(clientId, invoiceId));
    }

    public Object clientCreditNotePdf(Call call) {
        return reply(documents.creditNoteOfClient(call.get(Actor.class).clientId(), call.pathId("id"), call.pathId("note")));
    }

    public Object adminInvoicePdf(Call call) {
        return reply(documents.of(call.pathId("id")));
    }

    public Object adminCreditNotePdf(Call call) {
        return reply(documents.creditNote(call.pathId("id"), call.pathId("note")));
    }

    private Reply reply(InvoiceDocument d) {
        // the page as rendered, made Factur-X: the same document's CII embedded (EN 16931)
        return new Reply(200, pdf.facturX(d), "application/pdf",
                Map.of("Content-Disposition", "inline; filename=\"" + DocumentPdf.fileName(d) + "\""));
    }
}
