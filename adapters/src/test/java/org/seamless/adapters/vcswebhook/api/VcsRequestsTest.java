package org.seamless.adapters.vcswebhook.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The API's media type rule, as Spring's {@code MediaType} applied it before the API was a servlet edge. */
class VcsRequestsTest {
    @Test
    void jsonInAnyCaseWithWellFormedParametersIsJson() {
        assertThat(VcsRequests.isJson("application/json")).isTrue();
        assertThat(VcsRequests.isJson("Application/JSON")).isTrue();
        assertThat(VcsRequests.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(VcsRequests.isJson(" application/json ;charset=UTF-8")).isTrue();
        assertThat(VcsRequests.isJson("application/json; charset=\"utf-8\"")).isTrue();
        assertThat(VcsRequests.isJson("application/json; flavour")).isTrue(); // a parameter without '=' is ignored
    }

    @Test
    void anythingElseIsNot() {
        assertThat(VcsRequests.isJson(null)).isFalse();
        assertThat(VcsRequests.isJson("")).isFalse();
        assertThat(VcsRequests.isJson("text/plain")).isFalse();
        assertThat(VcsRequests.isJson("application/problem+json")).isFalse();
        assertThat(VcsRequests.isJson("application/jsonx")).isFalse();
        assertThat(VcsRequests.isJson("application/json; charset=no-such-charset")).isFalse();
        assertThat(VcsRequests.isJson("application/json; charset=")).isFalse();
    }
}
