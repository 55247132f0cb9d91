package io.callbridge.rest.salesforce;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** An unencrypted PKCS#8 RSA private key in PEM ({@code -----BEGIN PRIVATE KEY-----}), read by the JDK alone. */
final class Pem {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private Pem() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong (the form, never the material)
     */
    static RSAPrivateKey privateKey(String pem) {
        String text = pem.strip();
        if (text.startsWith("-----BEGIN RSA PRIVATE KEY-----") || text.startsWith("-----BEGIN ENCRYPTED")) {
            throw new IllegalArgumentException("privateKeyPem must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException("privateKeyPem must be a PEM block from " + BEGIN + " to " + END);
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("privateKeyPem is not a readable PKCS#8 RSA private key");
        }
    }
}
