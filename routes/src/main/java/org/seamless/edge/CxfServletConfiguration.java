package org.seamless.edge;

import org.apache.cxf.transport.servlet.CXFServlet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportResource;

/**
 * The CXF bus and the CXF servlet under {@code cxf.path} (default /soap), where the ITK SOAP
 * endpoints are published.
 *
 * <p>Why not CXF's Spring Boot starter: it is not served at the CXF release the rest of CXF is on
 * (ADR 0046), and mixing CXF releases is the drift the build's enforcer rules forbid. This class is
 * what the starter did for Seamless: the bus from CXF's own {@code META-INF/cxf/cxf.xml} (bean
 * {@code cxf}, with its bus extension post-processors) and one servlet registration, keeping the
 * {@code cxf.path} and {@code cxf.servlet.init.hide-service-list-page} properties.
 */
@Configuration(proxyBeanMethods = false)
@ImportResource("classpath:META-INF/cxf/cxf.xml")
public class CxfServletConfiguration {

    @Bean
    ServletRegistrationBean<CXFServlet> cxfServletRegistration(
            @Value("${cxf.path:/soap}") String path,
            @Value("${cxf.servlet.init.hide-service-list-page:true}") String hideServiceListPage) {
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        ServletRegistrationBean<CXFServlet> registration = new ServletRegistrationBean<>(new CXFServlet(), base + "/*");
        registration.setName("CXFServlet");
        registration.addInitParameter("hide-service-list-page", hideServiceListPage);
        return registration;
    }
}
