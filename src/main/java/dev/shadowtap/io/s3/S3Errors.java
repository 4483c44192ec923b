package dev.shadowtap.io.s3;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Why an S3 call failed, in a few words for a one-line message; never the SDK's class names or stack. */
final class S3Errors {
    private static final int MAX = 200;

    private S3Errors() {
    }

    /**
     * @param subject what was asked for ({@code bucket b}, {@code object b/k}), named in "no such" answers
     */
    static String reason(SdkException e, String subject) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            if ("NoSuchBucket".equals(code) || (code == null && status == 404 && subject.startsWith("bucket"))) {
                return "no such " + subject;
            }
            if ("NoSuchKey".equals(code) || status == 404) {
                return "no such " + subject;
            }
            if ("InvalidAccessKeyId".equals(code)) {
                return "the access key id is not known to the store (InvalidAccessKeyId)";
            }
            if ("SignatureDoesNotMatch".equals(code)) {
                return "the secret access key does not match (SignatureDoesNotMatch)";
            }
            if (status == 403) {
                return "access denied to " + subject + (code == null ? "" : " (" + code + ")");
            }
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            return shorten((message == null ? "error" : message) + " (" + (code == null ? "" : code + ", ")
                    + "HTTP " + status + ")");
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case ConnectException c -> {
                    return "cannot connect" + (c.getMessage() == null ? "" : " (" + lower(c.getMessage()) + ")");
                }
                case NoRouteToHostException c -> {
                    return "no route to host";
                }
                case UnknownHostException c -> {
                    return "unknown host " + c.getMessage();
                }
                case SocketTimeoutException c -> {
                    return "timed out (" + lower(String.valueOf(c.getMessage())) + ")";
                }
                default -> {
                }
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("Unable to load credentials")) {
            return "no AWS credentials found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile in"
                    + " ~/.aws, or a container or instance role)";
        }
        return shorten(lower(message));
    }

    /** True when the store refused the call for want of permission (HTTP 403). */
    static boolean accessDenied(SdkException e) {
        return e instanceof AwsServiceException service && service.statusCode() == 403;
    }

    private static String lower(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The first line, at most {@link #MAX} characters. */
    private static String shorten(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
    }
}
