package dev.shadowtap.cli;

/** {@code shadowtap <version>}: the jar manifest's Implementation-Version, or {@code dev} from classes. */
public final class VersionText {
    private VersionText() {
    }

    public static String render() {
        return "shadowtap " + version(VersionText.class.getPackage().getImplementationVersion());
    }

    static String version(String manifestVersion) {
        return manifestVersion == null || manifestVersion.isBlank() ? "dev" : manifestVersion;
    }
}
