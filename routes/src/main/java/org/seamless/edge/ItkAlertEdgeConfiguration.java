package org.seamless.edge;

import java.time.Clock;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.seamless.adapters.lasoap.ItkAlertService;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local authorities' ITK social care alert endpoint on the CXF servlet ({@code cxf.path}, /soap),
 * at {@code seamless.itk.alerts-path} (default {@value #DEFAULT_PATH}): /soap/itk/alerts.
 */
@Configuration(proxyBeanMethods = false)
public class ItkAlertEdgeConfiguration {
    public static final String DEFAULT_PATH = "/itk/alerts";

    @Bean(destroyMethod = "stop")
    EndpointImpl itkAlertEndpoint(Bus bus, AgencyAuthenticator auth, InboundGate gate, RejectedInputStore rejected,
                                  Clock clock, @Value("${seamless.itk.alerts-path:" + DEFAULT_PATH + "}") String path) {
        EndpointImpl endpoint = new EndpointImpl(bus, new ItkAlertService(auth, gate, rejected, clock));
        endpoint.publish(path);
        return endpoint;
    }
}
