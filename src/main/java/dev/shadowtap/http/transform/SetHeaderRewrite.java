package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;

/**
 * One {@code --http-set-header 'Name: value'}: replaces the value of the first header of that name in
 * place (later duplicates stay as they are), or adds the header right after the request line, as
 * GoReplay's {@code proto.SetHeader} does.
 */
final class SetHeaderRewrite implements RequestRule {
    private final HeaderValue header;

    SetHeaderRewrite(HeaderValue header) {
        this.header = header;
    }

    @Override
    public Reason apply(EditableRequest request) {
        request.setHeader(header.name(), header.value());
        return null;
    }
}
