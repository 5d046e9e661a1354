package org.checkersmtp.web;

import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProvenDomainsPageTest} with the results (and the proofs) on local disk. */
class ProvenDomainsOnDiskTest extends ProvenDomainsPageTest {

    @DynamicPropertySource
    static void disk(DynamicPropertyRegistry registry) throws Exception {
        String directory = Files.createTempDirectory("checker-proofs-").toString();
        registry.add("checker.results.directory", () -> directory);
    }
}
