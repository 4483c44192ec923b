package dev.shadowtap.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's AOT training run does real work: records the mix, replays all of it, copies it. */
class StartupTrainingTest {
    @Test
    void recordsReplaysAndCopiesTheTrafficMix(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int status = StartupTraining.train(dir, dir.resolve("no.jar"), new PrintStream(said, true, StandardCharsets.UTF_8));

        assertThat(status).as(said.toString(StandardCharsets.UTF_8)).isZero();
        GorSummary recorded = GorSummary.of(dir.resolve("training.gor"));
        assertThat(recorded.requests()).isEqualTo(2_000);
        assertThat(GorSummary.of(dir.resolve("copy.gor"))).isEqualTo(recorded);
    }

    @Test
    void theFileJobsTrainingRecordsOnlyWhenNoRecordingIsThere(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(StartupTraining.trainFileJobs(dir, quiet)).isZero();
        Path recording = dir.resolve("training.gor");
        GorSummary recorded = GorSummary.of(recording);
        assertThat(recorded.requests()).isEqualTo(2_000);
        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(recording);
        Files.delete(dir.resolve("copy.gor"));

        assertThat(StartupTraining.trainFileJobs(dir, quiet)).isZero();

        assertThat(Files.getLastModifiedTime(recording)).isEqualTo(made);
        assertThat(GorSummary.of(dir.resolve("copy.gor"))).isEqualTo(recorded);
    }

    @Test
    void theTrainingTargetAnswersEveryFramedRequestOnOneConnection() throws Exception {
        try (TrainingTarget target = TrainingTarget.start();
             java.net.Socket socket = new java.net.Socket("127.0.0.1", target.port())) {
            socket.getOutputStream().write(("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(5_000);
            String answers = new String(socket.getInputStream().readNBytes(2 * TrainingTarget.RESPONSE.length), StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        }
    }
}
