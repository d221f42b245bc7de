package rxpush.forwarder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the forwarder service. */
@SpringBootApplication
public class ForwarderApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForwarderApplication.class, args);
    }
}
