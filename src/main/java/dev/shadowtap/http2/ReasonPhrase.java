package dev.shadowtap.http2;

/** The reason phrase HTTP/1 would send with a status code (HTTP/2 has none): records read as HTTP/1's. */
final class ReasonPhrase {
    private ReasonPhrase() {
    }

    static String of(String status) {
        return switch (status) {
            case "100" -> "Continue";
            case "101" -> "Switching Protocols";
            case "103" -> "Early Hints";
            case "200" -> "OK";
            case "201" -> "Created";
            case "202" -> "Accepted";
            case "204" -> "No Content";
            case "206" -> "Partial Content";
            case "301" -> "Moved Permanently";
            case "302" -> "Found";
            case "303" -> "See Other";
            case "304" -> "Not Modified";
            case "307" -> "Temporary Redirect";
            case "308" -> "Permanent Redirect";
            case "400" -> "Bad Request";
            case "401" -> "Unauthorized";
            case "403" -> "Forbidden";
            case "404" -> "Not Found";
            case "405" -> "Method Not Allowed";
            case "408" -> "Request Timeout";
            case "409" -> "Conflict";
            case "413" -> "Content Too Large";
            case "415" -> "Unsupported Media Type";
            case "429" -> "Too Many Requests";
            case "500" -> "Internal Server Error";
            case "501" -> "Not Implemented";
            case "502" -> "Bad Gateway";
            case "503" -> "Service Unavailable";
            case "504" -> "Gateway Timeout";
            default -> switch (status.charAt(0)) {
                case '1' -> "Informational";
                case '2' -> "Success";
                case '3' -> "Redirection";
                case '4' -> "Client Error";
                default -> "Server Error";
            };
        };
    }
}
