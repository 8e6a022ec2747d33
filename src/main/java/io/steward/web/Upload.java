package io.steward.web;

/**
 * A file part of a {@code multipart/form-data} request: the form field it came in, the file name
 * and content type the client declared (neither trusted: features sanitise and decide), the bytes.
 */
public record Upload(String field, String filename, String declaredType, byte[] bytes) {
    public long size() { return bytes.length; }
}
