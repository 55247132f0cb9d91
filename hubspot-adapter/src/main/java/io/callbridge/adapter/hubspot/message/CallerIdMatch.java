package io.callbridge.adapter.hubspot.message;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record HubSpot found for the caller's number (CALLER_ID_MATCH_SUCCEEDED). The wire discriminator
 * {@code callerIdType} is the subtype. Names and e-mail are optional although the library types them as always
 * present: a CRM record can lack them, and dropping the whole match list over one missing e-mail would be worse.
 */
public sealed interface CallerIdMatch permits CallerIdMatch.Contact, CallerIdMatch.Company {

    CrmObjectType callerIdType();

    ObjectCoordinates objectCoordinates();

    record Contact(ObjectCoordinates objectCoordinates, @Nullable String firstName, @Nullable String lastName,
            @Nullable String email) implements CallerIdMatch {
        public Contact {
            Objects.requireNonNull(objectCoordinates, "objectCoordinates");
        }

        @Override
        public CrmObjectType callerIdType() {
            return CrmObjectType.CONTACT;
        }
    }

    record Company(ObjectCoordinates objectCoordinates, @Nullable String name) implements CallerIdMatch {
        public Company {
            Objects.requireNonNull(objectCoordinates, "objectCoordinates");
        }

        @Override
        public CrmObjectType callerIdType() {
            return CrmObjectType.COMPANY;
        }
    }
}
