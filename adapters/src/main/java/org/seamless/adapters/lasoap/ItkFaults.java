package org.seamless.adapters.lasoap;


import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.regex.Pattern;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.transport.http.HTTPException;
import org.seamless.adapters.failure.DeliveryFailureClassifier;
import org.seamless.adapters.failure.DeliveryFaultException;
import org.seamless.adapters.failure.FailureKind;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ToolkitErrorInfoStruct;

/**
 * Turns what an LA's ITK endpoint answered into words that hold no personal values: the ITK
 * error code and error id only (an LA's error text may name the person), and for transport
 * failures the kind of failure, never an LA-supplied fault string.
 */
public final class ItkFaults {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private ItkFaults() {
    }

    /** The refusal reason recorded for an ITK business fault. */
    static String refusalReason(ToolkitErrorInfoStruct info) {
        if (info == null) {
            return "refused by the LA's ITK endpoint (no error details)";
        }
        String code = info.getErrorCode() == null ? null : info.getErrorCode().getValue();
        return "refused by the LA's ITK endpoint: ITK error code " + safe(code) + ", error id " + safe(info.getErrorID());
    }

    /**
     * The exception thrown for a call that failed without an ITK business fault, as
     * {@link DeliveryFailureClassifier} classifies it: {@link ItkTransportException} when the case
     * system is away or busy (the message waits), {@link DeliveryFaultException} otherwise.
     */
    static RuntimeException transport(String agencyId, WebServiceException e, String retryAfterHeader) {
        String faultCode = soapFaultCode(e);
        if (faultCode != null) {
            // why: the fault string comes from the LA and may quote the message; keep the code, drop the cause
            String text = "ITK call to agency " + agencyId + " answered with a SOAP fault that is"
                    + " not an ITK business fault (code " + faultCode + ")";
            return DeliveryFailureClassifier.ofSoapFault(faultCode, false) == FailureKind.TRANSIENT
                    ? new ItkTransportException(text + "; it waits for the case system", null)
                    : new DeliveryFaultException(text);
        }
        Integer status = httpStatus(e);
        String text = "ITK call to agency " + agencyId + " failed (" + rootCause(e) + ")";
        if (status != null && DeliveryFailureClassifier.ofHttpStatus(status, false) != FailureKind.TRANSIENT) {
            return new DeliveryFaultException(text);
        }
        if (status == null && DeliveryFailureClassifier.ofException(e) != FailureKind.TRANSIENT) {
            return new DeliveryFaultException(text);
        }
        return new ItkTransportException(text + "; it waits for the case system", e,
                DeliveryFailureClassifier.retryAfter(retryAfterHeader, java.time.Instant.now()).orElse(null));
    }

    private static Integer httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HTTPException http) {
                return http.getResponseCode();
            }
        }
        return null;
    }

    /** The fault code's local part when a SOAP fault was received anywhere in the chain, else null. */
    private static String soapFaultCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SOAPFaultException soap) {
                return soap.getFault() == null ? "unknown" : safe(soap.getFault().getFaultCodeAsQName().getLocalPart());
            }
            if (t instanceof SoapFault soap) {
                return soap.getFaultCode() == null ? "unknown" : safe(soap.getFaultCode().getLocalPart());
            }
        }
        return null;
    }

    /** "HTTP 503" when the endpoint answered with an HTTP error, else the root cause's type (e.g. ConnectException). */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (true) {
            if (t instanceof HTTPException http) {
                return "HTTP " + http.getResponseCode();
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t.getClass().getSimpleName();
            }
            t = t.getCause();
        }
    }

    private static String safe(String value) {
        if (value == null) {
            return "none";
        }
        String v = value.strip();
        return SAFE.matcher(v).matches() ? v : "(not shown)";
    }

    /** ITK's code system for toolkit error codes. */
    public static final String ERROR_CODE_SYSTEM = "2.16.840.1.113883.2.1.3.2.4.17.268";

    /** An ITK business fault ({@code ToolkitErrorInfo}) with the given code, error id and text. */
    public static FaultResponse fault(String code, String errorId, String text) {
        ToolkitErrorInfoStruct info = new ToolkitErrorInfoStruct();
        info.setErrorID(errorId);
        ToolkitErrorInfoStruct.ErrorCode errorCode = new ToolkitErrorInfoStruct.ErrorCode();
        errorCode.setValue(code);
        errorCode.setCodeSystem(ERROR_CODE_SYSTEM);
        info.setErrorCode(errorCode);
        info.setErrorText(text);
        return new FaultResponse(text, info);
    }
}
