package org.seamless.edge;

import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.seamless.adapters.lasoap.ItkAnswerService;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local authorities' ITK answer-back endpoint on the CXF servlet ({@code cxf.path}, /soap), at
 * {@code seamless.itk.answers-path} (default {@value #DEFAULT_PATH}): /soap/itk/answers.
 */
@Configuration(proxyBeanMethods = false)
public class ItkAnswerEdgeConfiguration {
    public static final String DEFAULT_PATH = "/itk/answers";

    @Bean(destroyMethod = "stop")
    EndpointImpl itkAnswerEndpoint(Bus bus, AgencyAuthenticator auth, InboundGate gate, RejectedInputStore rejected,
                                   @Value("${seamless.itk.answers-path:" + DEFAULT_PATH + "}") String path) {
        EndpointImpl endpoint = new EndpointImpl(bus, new ItkAnswerService(auth, gate, rejected));
        endpoint.publish(path);
        return endpoint;
    }
}
