package org.seamless.edge.vcs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.vcswebhook.api.VcsHub;
import org.springframework.stereotype.Component;

/**
 * The hub's side of the voluntary-sector API, which the vcs-webhook adapter type serves
 * ({@code org.seamless.adapters.vcswebhook.api.VcsApiServlet}, ADR 0068): submissions through
 * {@link VcsReferralService}, referrals and the pull inbox from {@link VcsStore}, and what the sender of a
 * referral may know of it from {@link SentReferralStates}.
 */
@Component
public class VcsHubService implements VcsHub {
    private final VcsReferralService referrals;
    private final VcsStore store;
    private final SentReferralStates sentStates;

    VcsHubService(VcsReferralService referrals, VcsStore store, SentReferralStates sentStates) {
        this.referrals = referrals;
        this.store = store;
        this.sentStates = sentStates;
    }

    @Override
    public Accepted submitReferral(AgencyConfig caller, byte[] body, String contentType, Optional<String> key) {
        return referrals.submitReferral(caller, body, contentType, key);
    }

    @Override
    public Accepted submitOutcome(AgencyConfig caller, String referralId, byte[] body, String contentType,
                                  Optional<String> key) {
        return referrals.submitOutcome(caller, referralId, body, contentType, key);
    }

    @Override
    public List<Referral> referrals(String agencyId, int limit) {
        return store.referrals(agencyId, limit).stream().map(r -> view(r, agencyId)).toList();
    }

    @Override
    public Optional<Referral> referral(String agencyId, String referralId) {
        return store.referral(agencyId, referralId).map(r -> view(r, agencyId));
    }

    @Override
    public Optional<JsonNode> released(String agencyId, String referralId) {
        return store.released(agencyId, referralId);
    }

    @Override
    public List<InboxItem> inbox(String agencyId, long afterSeq, int limit) {
        return store.inbox(agencyId, afterSeq, limit).stream().map(i -> new InboxItem(i.seq(), i.eventId(), i.event(),
                i.contentType(), i.body(), i.keptAt().toInstant())).toList();
    }

    @Override
    public int acknowledge(String agencyId, long cursor) {
        return store.acknowledge(agencyId, cursor);
    }

    @Override
    public int waiting(String agencyId) {
        return store.waiting(agencyId);
    }

    /** A sent referral shows what its sender may know of it (ADR 0040); a received one, its recorded status. */
    private Referral view(VcsStore.Referral r, String agencyId) {
        String status = r.status();
        Optional<String> withheld = Optional.empty();
        if (r.role().equals("sent")) {
            SentReferralStates.State state = sentStates.state(r, agencyId);
            status = state.status();
            withheld = state.withheldRule();
        }
        return new Referral(r.referralId(), r.role(), r.counterpart(), status, withheld, r.outcomeId(),
                r.createdAt().toInstant(), r.updatedAt().toInstant());
    }
}
