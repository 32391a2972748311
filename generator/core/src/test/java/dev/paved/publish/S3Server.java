package dev.paved.publish;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3-compatible server (S3Proxy) on loopback, storing objects in a folder, so it can be restarted. */
final class S3Server implements AutoCloseable {

    static final String IDENTITY = "AKIDPAVEDTEST";
    static final String SECRET = "paved-test-secret";

    private final S3Proxy proxy;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts a server over the objects in {@code folder} (kept across restarts). */
    static S3Server start(Path folder) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", folder.toString());
        S3Proxy proxy = S3Proxy.builder().blobStore(BlobStores.create("filesystem", p))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, SECRET)
                .stopTimeout(0)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return new S3Server(proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client of this server, as a user configures one for an S3-compatible store. */
    S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, SECRET)))
                .build();
    }

    void stop() throws Exception {
        proxy.stop();
    }

    @Override
    public void close() throws Exception {
        if (!"STOPPED".equals(proxy.getState())) {
            proxy.stop();
        }
    }
}
