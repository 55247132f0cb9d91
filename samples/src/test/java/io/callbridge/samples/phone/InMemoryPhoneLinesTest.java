package io.callbridge.samples.phone;

class InMemoryPhoneLinesTest extends PhoneLinesContract {
    @Override
    PhoneLines lines() {
        return PhoneLines.inMemory();
    }
}
