package dev.paved.publish;

import dev.paved.credential.Origin;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket, or a prefix of one, on AWS or any S3-compatible store (MinIO, Ceph, R2, GCS interoperability):
 * objects are compared by MD5 with their ETags, written with their content type and cache lifetime.
 */
public final class S3Target implements PublishTarget {

    private final S3Client s3;
    private final boolean ownsClient;
    private final String bucket;
    private final String prefix;
    private final Map<String, String> md5s = new HashMap<>();

    /**
     * A target over a client the caller configured.
     *
     * @param prefix the key prefix the site goes under, empty for the bucket's root
     */
    public S3Target(S3Client s3, String bucket, String prefix) {
        this(s3, false, bucket, prefix);
    }

    private S3Target(S3Client s3, boolean ownsClient, String bucket, String prefix) {
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        String p = prefix.replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    /**
     * A target for {@code s3://bucket/prefix}, with region and credentials from the AWS SDK's standard chains
     * (environment, system properties, profile, instance role).
     *
     * @param endpoint  an S3-compatible endpoint instead of AWS's
     * @param region    the region, when not from the environment ({@code us-east-1} if none is found and an
     *                  endpoint is given)
     * @param pathStyle bucket in the path rather than the host name, as most S3-compatible stores need
     * @throws TokenRefusedException when the endpoint is plain http to a host that is not loopback: signed requests
     *                               and session tokens go over https only
     */
    public static S3Target open(URI location, Optional<URI> endpoint, Optional<String> region, boolean pathStyle)
            throws TokenRefusedException {
        if (!"s3".equals(location.getScheme()) || location.getHost() == null) {
            throw new IllegalArgumentException("not an s3://bucket/prefix location: " + Redact.url(location.toString()));
        }
        if (endpoint.isPresent() && Origin.of(endpoint.get()).filter(o -> o.scheme().equals("http")
                && !o.loopback()).isPresent()) {
            throw new TokenRefusedException("a request signed with AWS credentials", endpoint.get().toString());
        }
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).forcePathStyle(pathStyle);
        endpoint.ifPresent(builder::endpointOverride);
        Region r = region.map(Region::of).orElseGet(() -> {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkException e) {
                return Region.US_EAST_1;
            }
        });
        builder.region(r);
        return new S3Target(builder.build(), true, location.getHost(), Optional.ofNullable(location.getPath())
                .orElse(""));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public Map<String, String> list() throws IOException {
        md5s.clear(); // a new publish: files may have changed since the last one
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                String etag = o.eTag() == null ? "" : o.eTag().replace("\"", "");
                // A multipart upload's ETag is not an MD5: such an object is rewritten once, then compares.
                out.put(o.key().substring(prefix.length()), etag.contains("-") ? "" : etag);
            }
        } catch (SdkException e) {
            throw failure("list " + describe(), e);
        }
        return out;
    }

    @Override
    public String fingerprint(SiteFile file) throws IOException {
        String md5 = md5s.get(file.path());
        if (md5 == null) {
            md5 = Fingerprints.md5(file.file());
            md5s.put(file.path(), md5);
        }
        return md5;
    }

    @Override
    public void put(SiteFile file) throws IOException {
        String key = prefix + file.path();
        String md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(fingerprint(file)));
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(file.contentType())
                    .cacheControl(file.cacheControl()).contentMD5(md5), RequestBody.fromFile(file.file()));
        } catch (SdkException e) {
            throw failure("write s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public void delete(List<String> paths) throws IOException {
        for (int from = 0; from < paths.size(); from += 1000) {
            List<ObjectIdentifier> keys = new ArrayList<>();
            for (String p : paths.subList(from, Math.min(paths.size(), from + 1000))) {
                keys.add(ObjectIdentifier.builder().key(prefix + p).build());
            }
            try {
                DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(keys).quiet(true).build()));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    var e = response.errors().get(0);
                    throw new IOException("could not delete s3://" + bucket + "/" + e.key() + ": " + e.message()
                            + " (" + response.errors().size() + " objects not deleted)");
                }
            } catch (SdkException e) {
                throw failure("delete objects in " + describe(), e);
            }
        }
    }

    private static IOException failure(String what, SdkException e) {
        String reason = Redact.message(e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                ? s3e.awsErrorDetails().errorCode() + " " + s3e.awsErrorDetails().errorMessage() : e.getMessage());
        if (e instanceof S3Exception s3e && s3e.statusCode() >= 400 && s3e.statusCode() < 500
                && s3e.statusCode() != 429 && s3e.statusCode() != 408) {
            return new Publisher.PermanentFailure(what + ": " + reason, e);
        }
        return new IOException(what + ": " + reason, e);
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
