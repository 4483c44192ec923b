package dev.shadowtap.capture;

import java.util.Objects;

/**
 * One capture, as {@link Capture#open} takes it: where, with which engine, and how.
 *
 * @param address   as on the command line: {@code :80}, {@code ip:port}, {@code iface:port},
 *                  {@code :80,8080}, {@code [::1]:80}; with {@link CaptureEngine#PCAP_FILE} a file path,
 *                  optionally followed by {@code :port[,port]} (see {@link CaptureAddress})
 * @param engine    where frames come from
 * @param device    how a live engine opens its interface (filter, buffer, snap length, modes)
 * @param rules     which frames are kept beyond the ports (VLAN tags, ignored interfaces)
 * @param vxlan     what the vxlan engine listens to
 */
public record CaptureSpec(String address, CaptureEngine engine, DeviceOptions device, FrameRules rules,
                          VxlanOptions vxlan) {
    public CaptureSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(vxlan, "vxlan");
    }

    /** The engine's defaults for everything but where and how frames come. */
    public static CaptureSpec of(String address, CaptureEngine engine) {
        return new CaptureSpec(address, engine, DeviceOptions.DEFAULT, FrameRules.DEFAULT, VxlanOptions.DEFAULT);
    }

    public CaptureSpec withDevice(DeviceOptions value) {
        return new CaptureSpec(address, engine, value, rules, vxlan);
    }

    public CaptureSpec withRules(FrameRules value) {
        return new CaptureSpec(address, engine, device, value, vxlan);
    }

    public CaptureSpec withVxlan(VxlanOptions value) {
        return new CaptureSpec(address, engine, device, rules, value);
    }
}
