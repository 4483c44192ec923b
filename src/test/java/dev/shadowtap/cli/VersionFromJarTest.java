package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads {@link VersionText} from a real jar with a manifest, as the shaded build runs it. */
class VersionFromJarTest {
    @Test
    void versionIsTheManifestImplementationVersion(@TempDir Path dir) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.8.7-test");
        Path jar = dir.resolve("shadowtap.jar");
        String classFile = VersionText.class.getName().replace('.', '/') + ".class";
        Path compiled = Path.of(VersionText.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(classFile);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(classFile));
            out.write(Files.readAllBytes(compiled));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> fromJar = loader.loadClass(VersionText.class.getName());
            assertThat(fromJar.getClassLoader()).isSameAs(loader);
            assertThat(fromJar.getMethod("render").invoke(null)).isEqualTo("shadowtap 9.8.7-test");
        }
    }
}
