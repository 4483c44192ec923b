import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * {@code bin/kafka-local topic NAME [PARTITIONS]}: creates a topic on the local broker (run as a Java
 * source file with the broker's jars; a topic written to first gets one partition, too few for a group).
 */
public class CreateTopic {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            System.out.println("topic " + topic + ": " + partitions + " partitions");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                System.err.println("kafka-local: topic " + topic + " exists already");
                System.exit(1);
            }
            System.err.println("kafka-local: could not create topic " + topic + ": " + e.getCause().getMessage());
            System.exit(1);
        }
    }
}
