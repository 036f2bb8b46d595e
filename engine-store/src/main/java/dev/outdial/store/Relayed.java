package dev.outdial.store;

/**
 * A request relayed to its key's owner, as {@link RequestRelay#take} hands it over.
 *
 * @param id the request's id, to {@link RequestRelay#answer answer} it by
 * @param keyId the API key the request is under
 * @param request the bytes the submitting node wrote, unchanged (a record compares arrays by
 *     identity: compare {@code request} with {@link java.util.Arrays#equals(byte[], byte[])})
 */
public record Relayed(long id, String keyId, byte[] request) {}
