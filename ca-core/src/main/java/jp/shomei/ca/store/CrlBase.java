package jp.shomei.ca.store;

import java.time.Instant;

/**
 * The newest published full CRL of a scope, as its deltas refer to it.
 *
 * @param crlNumber the full CRL's number, written into each delta's deltaCRLIndicator
 * @param statusSequence the last status change the full CRL reflects; deltas list the changes after it
 */
public record CrlBase(long crlNumber, long statusSequence, Instant thisUpdate) {
}
