package rxpush.standalone.run;

/**
 * What the launcher needs to know before it starts anything, resolved with Spring's precedence
 * (command line, then environment, then ./application.yml, then defaults).
 *
 * @param settings         the launcher's own settings
 * @param bootstrapServers an external cluster, or null for the embedded broker
 * @param serverPort       the public notification port (ingress)
 * @param managementPort   the local admin API and actuator port
 */
record ResolvedLaunch(LaunchSettings settings, String bootstrapServers, int serverPort, int managementPort) {

    boolean embeddedKafka() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
