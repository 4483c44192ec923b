package dev.shadowtap.capture;

import java.util.List;
import java.util.Set;

/**
 * Which frames of the captured ports a capture keeps ({@link FrameSelection} applies them).
 *
 * @param vlan             {@code --input-raw-vlan}: keep 802.1Q-tagged frames too; without it they are
 *                         skipped and counted {@code vlan-tagged}
 * @param vlanIds          {@code --input-raw-vlan-vid}: when not empty, only frames whose outer tag has one of
 *                         these ids (others, untagged ones included, are counted {@code vlan-not-selected})
 * @param ignoreInterfaces {@code --input-raw-ignore-interface}: devices whose frames a capture on every interface skips
 */
public record FrameRules(boolean vlan, Set<Integer> vlanIds, List<String> ignoreInterfaces) {
    /** Untagged frames of every interface. */
    public static final FrameRules DEFAULT = new FrameRules(false, Set.of(), List.of());

    public FrameRules {
        vlanIds = Set.copyOf(vlanIds);
        ignoreInterfaces = List.copyOf(ignoreInterfaces);
    }

    /** Tagged frames are kept with {@code --input-raw-vlan}, or when ids are chosen. */
    public boolean keepsTagged() {
        return vlan || !vlanIds.isEmpty();
    }

    public FrameRules withVlan(boolean on, Set<Integer> ids) {
        return new FrameRules(on, ids, ignoreInterfaces);
    }

    public FrameRules withIgnoreInterfaces(List<String> names) {
        return new FrameRules(vlan, vlanIds, names);
    }
}
