package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.core.CallEngine;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Salesforce as a CRM the transport can host: bridges name it {@code salesforce}; every frame is a Lightning tab's
 * (or pop-out's) softphone iframe, role {@code tab}.
 */
public final class SalesforceCrmBridge implements CrmBridge {
    public static final String CRM = "salesforce";
    public static final String ROLE_TAB = "tab";

    private final CallEngine engine;
    private final PhoneNumberParser numbers;
    private final SalesforceSettings settings;
    private final BridgeScheduler scheduler;
    private final OpenCtiCodec codec = new OpenCtiCodec();

    @Inject
    public SalesforceCrmBridge(CallEngine engine, PhoneNumberParser numbers, SalesforceSettings settings,
            BridgeScheduler scheduler) {
        this.engine = engine;
        this.numbers = numbers;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public String crm() {
        return CRM;
    }

    @Override
    public Set<String> frameRoles() {
        return Set.of(ROLE_TAB);
    }

    @Override
    public AgentBridge attach(AgentId agent, BridgeChannel channel) {
        SalesforceAgentBridge bridge = new SalesforceAgentBridge(agent, channel, engine, numbers, settings, scheduler,
                codec);
        bridge.start();
        return bridge;
    }
}
