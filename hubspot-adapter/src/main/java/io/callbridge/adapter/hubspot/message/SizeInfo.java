package io.callbridge.adapter.hubspot.message;

/** Frame size in pixels, as INITIALIZED's {@code sizeInfo} and RESIZE_WIDGET carry it. */
public record SizeInfo(int width, int height) {
    public SizeInfo {
        Checks.nonNegative(width, "width");
        Checks.nonNegative(height, "height");
    }
}
