package io.callbridge.adapter.salesforce.tasklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.callbridge.adapter.salesforce.opencti.InvalidInvocationException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskLogTest {

    private static final String CONTACT = "003xx000004TmiQAAS";
    private static final String ACCOUNT = "001xx000003DGb2AAG";
    private static final String TASK = "00Txx000004AbCdEAK";
    /** U+1F4DE, two UTF-16 units. */
    private static final String PHONE_EMOJI = "\uD83D\uDCDE";

    @Test
    void createWritesATaskWithTheCallFields() {
        TaskLog log = TaskLog.create()
                .subject("Call with Ada")
                .description("Wants a demo")
                .callType(TaskCallType.OUTBOUND)
                .callDuration(Duration.ofSeconds(184))
                .callDisposition("Meaningful Connect")
                .callObject("cb-7f3a")
                .whoId(CONTACT)
                .whatId(ACCOUNT)
                .status("Completed")
                .activityDate(LocalDate.of(2026, 3, 7))
                .type("Call")
                .priority("Normal")
                .ownerId("005xx000001Sv6AAAS")
                .recordTypeId("012xx0000004KbZAAU")
                .customField("Outcome__c", "Demo booked")
                .customField("Attempts__c", 3)
                .build();

        assertThat(log.isUpdate()).isFalse();
        assertThat(log.value()).containsExactly(
                entry("entityApiName", "Task"),
                entry("TaskSubtype", "Call"),
                entry("Subject", "Call with Ada"),
                entry("Description", "Wants a demo"),
                entry("CallType", "Outbound"),
                entry("CallDurationInSeconds", 184L),
                entry("CallObject", "cb-7f3a"),
                entry("WhoId", CONTACT),
                entry("WhatId", ACCOUNT),
                entry("Status", "Completed"),
                entry("ActivityDate", "2026-03-07"),
                entry("Type", "Call"),
                entry("Priority", "Normal"),
                entry("OwnerId", "005xx000001Sv6AAAS"),
                entry("RecordTypeId", "012xx0000004KbZAAU"),
                entry("Outcome__c", "Demo booked"),
                entry("Attempts__c", 3),
                entry("CallDisposition", "Meaningful Connect"));
        assertThat(log.toSaveLog().value()).containsEntry("entityApiName", "Task").doesNotContainKey("Id");
    }

    @Test
    void updateAddressesTheTaskByIdAndNeverSetsTheSubtype() {
        TaskLog log = TaskLog.update(TASK).callDisposition("Left Voicemail").build();

        assertThat(log.isUpdate()).isTrue();
        assertThat(log.value()).containsExactly(entry("Id", TASK), entry("CallDisposition", "Left Voicemail"));
        assertThat(log.toSaveLog().method()).isEqualTo("saveLog");
    }

    @Test
    void callTypeUsesTheCapitalisedPicklistValues() {
        assertThat(Stream.of(TaskCallType.values()).map(TaskCallType::picklistValue))
                .containsExactly("Inbound", "Outbound", "Internal");
    }

    static Stream<Arguments> limitedFields() {
        return Stream.of(
                Arguments.of("Subject", 255, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::subject),
                Arguments.of("Description", 32_000, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::description),
                Arguments.of("CallDisposition", 255, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::callDisposition),
                Arguments.of("CallObject", 255, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::callObject),
                Arguments.of("Status", 255, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::status),
                Arguments.of("Type", 255, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::type),
                Arguments.of("Priority", 255, (BiFunction<TaskLog.Builder, String, TaskLog.Builder>) TaskLog.Builder::priority));
    }

    @ParameterizedTest(name = "{0} keeps {1} characters")
    @MethodSource("limitedFields")
    void textAtTheLimitIsKept(String field, int limit, BiFunction<TaskLog.Builder, String, TaskLog.Builder> set) {
        String exact = "x".repeat(limit);
        assertThat(set.apply(TaskLog.create(), exact).build().value().get(field)).isEqualTo(exact);
    }

    @ParameterizedTest(name = "{0} cut to {1} characters")
    @MethodSource("limitedFields")
    void textOverTheLimitIsCutNotRejected(String field, int limit, BiFunction<TaskLog.Builder, String, TaskLog.Builder> set) {
        String tooLong = "y".repeat(limit) + "overflow";
        assertThat(set.apply(TaskLog.create(), tooLong).build().value().get(field)).isEqualTo("y".repeat(limit));
    }

    @ParameterizedTest(name = "{0} cut before a split character")
    @MethodSource("limitedFields")
    void cutNeverSplitsACharacter(String field, int limit, BiFunction<TaskLog.Builder, String, TaskLog.Builder> set) {
        // The emoji straddles the limit: keeping its first half would send an unpaired surrogate.
        String straddling = "z".repeat(limit - 1) + PHONE_EMOJI + "tail";
        String cut = (String) set.apply(TaskLog.create(), straddling).build().value().get(field);
        assertThat(cut).isEqualTo("z".repeat(limit - 1));

        // An emoji that fits entirely is kept.
        String fitting = "z".repeat(limit - 2) + PHONE_EMOJI + "tail";
        assertThat((String) set.apply(TaskLog.create(), fitting).build().value().get(field))
                .hasSize(limit).endsWith(PHONE_EMOJI);
    }

    @Test
    void dispositionCanGoToAConfiguredCustomField() {
        TaskLog log = TaskLog.create()
                .callDisposition("Not Interested " + "!".repeat(300))
                .dispositionField("Call_Outcome__c")
                .build();

        assertThat(log.value()).doesNotContainKey("CallDisposition");
        assertThat((String) log.value().get("Call_Outcome__c")).hasSize(255).startsWith("Not Interested");
        assertThatThrownBy(() -> TaskLog.create().dispositionField("Call Outcome"))
                .isInstanceOf(InvalidInvocationException.class).hasMessageContaining("dispositionField");
        assertThatThrownBy(() -> TaskLog.create().dispositionField("Call_Outcome__c").customField("Call_Outcome__c", "x"))
                .isInstanceOf(InvalidInvocationException.class).hasMessageContaining("callDisposition");
    }

    @Test
    void customTextIsCutToTheGivenLength() {
        TaskLog log = TaskLog.create().customText("Summary__c", "abcdef", 4).build();
        assertThat(log.value()).containsEntry("Summary__c", "abcd");
    }

    @Test
    void customFieldsMustBeCustom() {
        assertThatThrownBy(() -> TaskLog.create().customField("Subject", "x"))
                .isInstanceOfSatisfying(InvalidInvocationException.class,
                        e -> assertThat(e.argument()).isEqualTo("value.Subject"));
        assertThatThrownBy(() -> TaskLog.create().customField("Bad__c", new Object()))
                .isInstanceOf(InvalidInvocationException.class);
    }

    @Test
    void idsAndDurationsAreChecked() {
        assertThatThrownBy(() -> TaskLog.create().whoId("(415) 555-1212"))
                .isInstanceOfSatisfying(InvalidInvocationException.class,
                        e -> assertThat(e.argument()).isEqualTo("value.WhoId"));
        assertThatThrownBy(() -> TaskLog.update("nope")).isInstanceOf(InvalidInvocationException.class);
        assertThatThrownBy(() -> TaskLog.create().callDurationInSeconds(-1))
                .isInstanceOf(InvalidInvocationException.class);
        assertThat(TaskLog.create().callDuration(Duration.ofMillis(600)).build().value())
                .containsEntry("CallDurationInSeconds", 1L);
    }

    /** A builder used again after build() changes only what it builds next, never a log it built. */
    @Test
    void aBuiltLogStaysAsBuiltWhenTheBuilderGoesOn() {
        TaskLog.Builder builder = TaskLog.create().subject("first").callDisposition("Meaningful Connect");
        TaskLog first = builder.build();
        TaskLog again = builder.build();

        builder.subject("second").description("notes").callDisposition("Left Voicemail");
        TaskLog second = builder.build();
        builder.dispositionField("Call_Outcome__c").subject(null);
        TaskLog third = builder.build();
        builder.callDisposition(null).customField("Other__c", 1);
        TaskLog fourth = builder.build();

        assertThat(first.value()).containsExactly(entry("entityApiName", "Task"), entry("TaskSubtype", "Call"),
                entry("Subject", "first"), entry("CallDisposition", "Meaningful Connect"));
        assertThat(again).isEqualTo(first);
        assertThat(second.value()).containsExactly(entry("entityApiName", "Task"), entry("TaskSubtype", "Call"),
                entry("Subject", "second"), entry("Description", "notes"), entry("CallDisposition", "Left Voicemail"));
        assertThat(third.value()).containsExactly(entry("entityApiName", "Task"), entry("TaskSubtype", "Call"),
                entry("Description", "notes"), entry("Call_Outcome__c", "Left Voicemail"));
        assertThat(fourth.value()).containsExactly(entry("entityApiName", "Task"), entry("TaskSubtype", "Call"),
                entry("Description", "notes"), entry("Other__c", 1));
        assertThatThrownBy(() -> first.value().put("Subject", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDispositionClashingWithACustomFieldIsRefusedAndTheBuilderStillWorks() {
        TaskLog.Builder builder = TaskLog.create().dispositionField("Call_Outcome__c").callDisposition("x");
        TaskLog built = builder.build();
        builder.dispositionField("CallDisposition").customField("Call_Outcome__c", "custom");

        assertThat(builder.build().value()).containsEntry("Call_Outcome__c", "custom")
                .containsEntry("CallDisposition", "x");
        assertThat(built.value()).containsEntry("Call_Outcome__c", "x").doesNotContainKey("CallDisposition");
        assertThatThrownBy(() -> builder.dispositionField("Call_Outcome__c").build())
                .isInstanceOf(InvalidInvocationException.class);
    }

    @Test
    void nullLeavesAFieldOut() {
        TaskLog log = TaskLog.create().subject("first").subject(null).whoId(null).build();
        assertThat(log.value()).doesNotContainKeys("Subject", "WhoId");
    }

    @Test
    void cutHandlesEdgeCases() {
        assertThat(TaskLog.cut("", 5)).isEmpty();
        assertThat(TaskLog.cut("abc", 3)).isEqualTo("abc");
        assertThat(TaskLog.cut(PHONE_EMOJI, 1)).isEmpty();
    }
}
