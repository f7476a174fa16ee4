package org.seamless.adapters.lasoap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.ObjectFactory;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.SafeXml;
import org.w3c.dom.Document;

/**
 * Moves a distribution envelope between the DOM form the mapping writes and reads and the JAXB
 * form the generated client and service use. DOM to DOM only: no text is parsed here.
 */
public final class ItkJaxb {
    private static final JAXBContext CONTEXT = context();

    private ItkJaxb() {
    }

    public static DistributionEnvelopeType fromDocument(Document document) {
        try {
            return CONTEXT.createUnmarshaller().unmarshal(new DOMSource(document), DistributionEnvelopeType.class)
                    .getValue();
        } catch (JAXBException e) {
            throw new ItkEnvelopeException("the envelope does not bind to the ITK types");
        }
    }

    public static Document toDocument(DistributionEnvelopeType envelope) {
        try {
            DOMResult result = new DOMResult(SafeXml.newDocument());
            CONTEXT.createMarshaller().marshal(new ObjectFactory().createDistributionEnvelope(envelope), result);
            return (Document) result.getNode();
        } catch (JAXBException e) {
            throw new ItkEnvelopeException("the envelope could not be written from the ITK types");
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("ITK JAXB types cannot be bound", e);
        }
    }
}
