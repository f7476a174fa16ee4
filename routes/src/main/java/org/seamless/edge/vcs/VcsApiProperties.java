package org.seamless.edge.vcs;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the voluntary-sector API ({@code seamless.vcs.*}).
 *
 * @param maxBodyBytes      largest request body accepted; larger gets 413 (the first 64 KiB is kept)
 * @param maxPage           most items one inbox or list call returns
 * @param homeFromHospital  agency ids of home-from-hospital services: a discharge notice derives a
 *                          referral to each, which the privacy chain releases only with consent
 */
@ConfigurationProperties("seamless.vcs")
public record VcsApiProperties(@DefaultValue("65536") long maxBodyBytes, @DefaultValue("100") int maxPage,
                               @DefaultValue List<String> homeFromHospital) {
}
