package org.seamless.app.demo.soap;

import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.seamless.app.demo.SimulatedReceiver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the demo LA's ITK endpoint on the CXF servlet ({@code cxf.path}, /soap) at
 * {@value #PATH}, in demo mode or when {@code seamless.demo.simulators=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoLaSoapConfiguration {
    /** Path under {@code cxf.path}. */
    public static final String PATH = "/demo/demo-la-soap";

    @Bean(destroyMethod = "stop")
    EndpointImpl demoLaItkEndpoint(Bus bus, DemoLaCaseSystem caseSystem) {
        EndpointImpl endpoint = new EndpointImpl(bus, new DemoLaItkService(caseSystem));
        endpoint.publish(PATH);
        return endpoint;
    }
}
