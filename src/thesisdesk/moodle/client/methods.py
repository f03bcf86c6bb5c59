"""Generated from the function catalogue by moodle/client/codegen.py: do not edit.

Regenerate with `python -m thesisdesk.moodle.client.codegen` after changing the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from thesisdesk.moodle.client.models import (  # noqa: F401
    CalendarCreateCalendarEventsParamEvent,
    CalendarCreateCalendarEventsResult,
    CalendarCreateCalendarEventsResultEvent,
    CalendarDeleteCalendarEventsParamEvent,
    CalendarGetCalendarEventsParamEvents,
    CalendarGetCalendarEventsParamOptions,
    CalendarGetCalendarEventsResult,
    CalendarGetCalendarEventsResultEvent,
    CourseCreateCoursesItem,
    CourseCreateCoursesParamCourse,
    CourseCreateCoursesParamCourseCourseformatoption,
    CourseCreateCoursesParamCourseCustomfield,
    CourseDeleteCoursesResult,
    CourseGetContentsItem,
    CourseGetContentsItemModule,
    CourseGetContentsItemModuleActivitybadge,
    CourseGetContentsItemModuleActivitybadgeBadgeextraattribute,
    CourseGetContentsItemModuleCompletiondata,
    CourseGetContentsItemModuleCompletiondataDetail,
    CourseGetContentsItemModuleCompletiondataDetailRulevalue,
    CourseGetContentsItemModuleContentsinfo,
    CourseGetContentsItemModuleDate,
    CourseGetContentsParamOption,
    CourseGetCoursesByFieldResult,
    CourseGetCoursesByFieldResultCourse,
    CourseGetCoursesByFieldResultCourseContact,
    CourseGetCoursesByFieldResultCourseCourseformatoption,
    CourseGetCoursesByFieldResultCourseCustomfield,
    CourseGetCoursesByFieldResultCourseFilter,
    CourseStateUpdate,
    CourseUpdateCoursesParamCourse,
    CourseUpdateCoursesParamCourseCourseformatoption,
    CourseUpdateCoursesParamCourseCustomfield,
    CourseUpdateCoursesResult,
    DeleteItemsResult,
    DeleteItemsResultItem,
    EnrolGetEnrolledUsersItem,
    EnrolGetEnrolledUsersItemCustomfield,
    EnrolGetEnrolledUsersItemEnrolledcourse,
    EnrolGetEnrolledUsersItemGroup,
    EnrolGetEnrolledUsersItemPreference,
    EnrolGetEnrolledUsersItemRole,
    EnrolGetEnrolledUsersParamOption,
    EnrolGetUsersCoursesItem,
    EnrolManualEnrolUsersParamEnrolment,
    EnrolManualUnenrolUsersParamEnrolment,
    FilesGetFilesResult,
    FilesGetFilesResultFile,
    FilesGetFilesResultParent,
    GetStateResult,
    GetStateResultItem,
    GetUserRolesResult,
    GetUserRolesResultCourse,
    GroupAddGroupMembersParamMember,
    GroupCreateGroupsItem,
    GroupCreateGroupsItemCustomfield,
    GroupCreateGroupsParamGroup,
    GroupCreateGroupsParamGroupCustomfield,
    GroupDeleteGroupMembersParamMember,
    GroupGetCourseGroupsItem,
    GroupGetGroupMembersItem,
    MessageSendInstantMessagesItem,
    MessageSendInstantMessagesParamMessage,
    ModAssignGetAssignmentsResult,
    ModAssignGetAssignmentsResultCourse,
    ModAssignGetAssignmentsResultCourseAssignment,
    ModAssignGetAssignmentsResultCourseAssignmentConfig,
    ModAssignGetSubmissionsResult,
    ModAssignGetSubmissionsResultAssignment,
    ModAssignGetSubmissionsResultAssignmentSubmission,
    ModAssignGetSubmissionsResultAssignmentSubmissionPlugin,
    ModAssignGetSubmissionsResultAssignmentSubmissionPluginEditorfield,
    ModAssignGetSubmissionsResultAssignmentSubmissionPluginFilearea,
    ModAssignGetSubmissionStatusResult,
    ModAssignGetSubmissionStatusResultAssignmentdata,
    ModAssignGetSubmissionStatusResultAssignmentdataAttachments,
    ModAssignGetSubmissionStatusResultFeedback,
    ModAssignGetSubmissionStatusResultFeedbackGrade,
    ModAssignGetSubmissionStatusResultFeedbackPlugin,
    ModAssignGetSubmissionStatusResultFeedbackPluginEditorfield,
    ModAssignGetSubmissionStatusResultFeedbackPluginFilearea,
    ModAssignGetSubmissionStatusResultGradingsummary,
    ModAssignGetSubmissionStatusResultLastattempt,
    ModAssignGetSubmissionStatusResultLastattemptSubmission,
    ModAssignGetSubmissionStatusResultLastattemptSubmissionPlugin,
    ModAssignGetSubmissionStatusResultLastattemptSubmissionPluginEditorfield,
    ModAssignGetSubmissionStatusResultLastattemptSubmissionPluginFilearea,
    ModAssignGetSubmissionStatusResultLastattemptTeamsubmission,
    ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPlugin,
    ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPluginEditorfield,
    ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPluginFilearea,
    ModAssignGetSubmissionStatusResultPreviousattempt,
    ModAssignGetSubmissionStatusResultPreviousattemptFeedbackplugin,
    ModAssignGetSubmissionStatusResultPreviousattemptFeedbackpluginEditorfield,
    ModAssignGetSubmissionStatusResultPreviousattemptFeedbackpluginFilearea,
    ModAssignGetSubmissionStatusResultPreviousattemptGrade,
    ModAssignGetSubmissionStatusResultPreviousattemptSubmission,
    ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPlugin,
    ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPluginEditorfield,
    ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPluginFilearea,
    ModAssignListParticipantsItem,
    ModAssignListParticipantsItemCustomfield,
    ModAssignListParticipantsItemEnrolledcourse,
    ModAssignListParticipantsItemGroup,
    ModAssignListParticipantsItemPreference,
    ModAssignListParticipantsItemRole,
    MoodleFile,
    MoodleFile2,
    MoodleFileTag,
    MoodleWarning,
    NotifyParamNotification,
    NotifyResult,
    NotifyResultNotification,
    PublishFilesParamItem,
    PublishFilesResult,
    PublishFilesResultItem,
    RoleAssignRolesParamAssignment,
    SetVisibilityParamItem,
    SetVisibilityResult,
    SetVisibilityResultItem,
    SyncAssignmentsParamAssignment,
    SyncAssignmentsResult,
    SyncAssignmentsResultAssignment,
    SyncEventsParamEvent,
    SyncEventsResult,
    SyncEventsResultEvent,
    SyncGroupsParamGroup,
    SyncGroupsResult,
    SyncGroupsResultGroup,
    SyncSectionsParamSection,
    SyncSectionsResult,
    SyncSectionsResultSection,
    SyncSubjectsParamSubject,
    SyncSubjectsResult,
    SyncSubjectsResultSubject,
    UpdateInplaceEditableResult,
    UpdateInplaceEditableResultEditicon,
    UserGetCourseUserProfilesItem,
    UserGetCourseUserProfilesItemCustomfield,
    UserGetCourseUserProfilesItemEnrolledcourse,
    UserGetCourseUserProfilesItemGroup,
    UserGetCourseUserProfilesItemPreference,
    UserGetCourseUserProfilesItemRole,
    UserGetCourseUserProfilesParamUserlist,
    UserGetUsersByFieldItem,
    UserGetUsersByFieldItemCustomfield,
    UserGetUsersByFieldItemPreference,
    WebserviceGetSiteInfoResult,
    WebserviceGetSiteInfoResultAdvancedfeature,
    WebserviceGetSiteInfoResultFunction,
)


class TypedMethods:
    """One method per catalogued function; keyword arguments = its top-level
    parameters. Mixed into MoodleClient, which provides `_typed_call`."""

    def _typed_call(self, function: str, params: dict[str, Any], result: Any) -> Any:
        raise NotImplementedError

    def core_calendar_create_calendar_events(
        self, *, events: Sequence[CalendarCreateCalendarEventsParamEvent | Mapping[str, Any]]
    ) -> CalendarCreateCalendarEventsResult:
        """core_calendar_create_calendar_events (write). Create calendar events"""
        return self._typed_call(
            "core_calendar_create_calendar_events",
            {"events": events},
            CalendarCreateCalendarEventsResult,
        )

    def core_calendar_delete_calendar_events(
        self, *, events: Sequence[CalendarDeleteCalendarEventsParamEvent | Mapping[str, Any]]
    ) -> None:
        """core_calendar_delete_calendar_events (write). Delete calendar events"""
        return self._typed_call("core_calendar_delete_calendar_events", {"events": events}, None)

    def core_calendar_get_calendar_events(
        self,
        *,
        events: CalendarGetCalendarEventsParamEvents | Mapping[str, Any] | None = None,
        options: CalendarGetCalendarEventsParamOptions | Mapping[str, Any] | None = None,
    ) -> CalendarGetCalendarEventsResult:
        """core_calendar_get_calendar_events (read). Get calendar events"""
        return self._typed_call(
            "core_calendar_get_calendar_events",
            {"events": events, "options": options},
            CalendarGetCalendarEventsResult,
        )

    def core_course_create_courses(
        self, *, courses: Sequence[CourseCreateCoursesParamCourse | Mapping[str, Any]]
    ) -> list[CourseCreateCoursesItem]:
        """core_course_create_courses (write). Create new courses"""
        return self._typed_call(
            "core_course_create_courses", {"courses": courses}, list[CourseCreateCoursesItem]
        )

    def core_course_delete_courses(self, *, courseids: Sequence[int]) -> CourseDeleteCoursesResult:
        """core_course_delete_courses (write). Deletes all specified courses"""
        return self._typed_call(
            "core_course_delete_courses", {"courseids": courseids}, CourseDeleteCoursesResult
        )

    def core_course_delete_modules(self, *, cmids: Sequence[int]) -> None:
        """core_course_delete_modules (write). Deletes all specified module instances"""
        return self._typed_call("core_course_delete_modules", {"cmids": cmids}, None)

    def core_course_get_contents(
        self,
        *,
        courseid: int,
        options: Sequence[CourseGetContentsParamOption | Mapping[str, Any]] | None = None,
    ) -> list[CourseGetContentsItem]:
        """core_course_get_contents (read). Get course contents"""
        return self._typed_call(
            "core_course_get_contents",
            {"courseid": courseid, "options": options},
            list[CourseGetContentsItem],
        )

    def core_course_get_courses_by_field(
        self, *, field: str | None = None, value: str | None = None
    ) -> CourseGetCoursesByFieldResult:
        """core_course_get_courses_by_field (read). Get courses matching a specific field
        (id/s, shortname, idnumber, category)
        """
        return self._typed_call(
            "core_course_get_courses_by_field",
            {"field": field, "value": value},
            CourseGetCoursesByFieldResult,
        )

    def core_course_update_courses(
        self, *, courses: Sequence[CourseUpdateCoursesParamCourse | Mapping[str, Any]]
    ) -> CourseUpdateCoursesResult:
        """core_course_update_courses (write). Update courses"""
        return self._typed_call(
            "core_course_update_courses", {"courses": courses}, CourseUpdateCoursesResult
        )

    def core_courseformat_update_course(
        self,
        *,
        action: str,
        courseid: int,
        ids: Sequence[int] | None = None,
        targetsectionid: int | None = None,
        targetcmid: int | None = None,
    ) -> list[CourseStateUpdate]:
        """core_courseformat_update_course (write). Update course contents."""
        return self._typed_call(
            "core_courseformat_update_course",
            {
                "action": action,
                "courseid": courseid,
                "ids": ids,
                "targetsectionid": targetsectionid,
                "targetcmid": targetcmid,
            },
            list[CourseStateUpdate],
        )

    def core_enrol_get_enrolled_users(
        self,
        *,
        courseid: int,
        options: Sequence[EnrolGetEnrolledUsersParamOption | Mapping[str, Any]] | None = None,
    ) -> list[EnrolGetEnrolledUsersItem]:
        """core_enrol_get_enrolled_users (read). Get enrolled users by course id."""
        return self._typed_call(
            "core_enrol_get_enrolled_users",
            {"courseid": courseid, "options": options},
            list[EnrolGetEnrolledUsersItem],
        )

    def core_enrol_get_users_courses(
        self, *, userid: int, returnusercount: bool | None = None
    ) -> list[EnrolGetUsersCoursesItem]:
        """core_enrol_get_users_courses (read). Get the list of courses where a user is
        enrolled in
        """
        return self._typed_call(
            "core_enrol_get_users_courses",
            {"userid": userid, "returnusercount": returnusercount},
            list[EnrolGetUsersCoursesItem],
        )

    def core_files_get_files(
        self,
        *,
        contextid: int,
        component: str,
        filearea: str,
        itemid: int,
        filepath: str,
        filename: str,
        modified: int | datetime | None = None,
        contextlevel: str | None = None,
        instanceid: int | None = None,
    ) -> FilesGetFilesResult:
        """core_files_get_files (read). browse moodle files"""
        return self._typed_call(
            "core_files_get_files",
            {
                "contextid": contextid,
                "component": component,
                "filearea": filearea,
                "itemid": itemid,
                "filepath": filepath,
                "filename": filename,
                "modified": modified,
                "contextlevel": contextlevel,
                "instanceid": instanceid,
            },
            FilesGetFilesResult,
        )

    def core_group_add_group_members(
        self, *, members: Sequence[GroupAddGroupMembersParamMember | Mapping[str, Any]]
    ) -> None:
        """core_group_add_group_members (write). Adds group members."""
        return self._typed_call("core_group_add_group_members", {"members": members}, None)

    def core_group_create_groups(
        self, *, groups: Sequence[GroupCreateGroupsParamGroup | Mapping[str, Any]]
    ) -> list[GroupCreateGroupsItem]:
        """core_group_create_groups (write). Creates new groups."""
        return self._typed_call(
            "core_group_create_groups", {"groups": groups}, list[GroupCreateGroupsItem]
        )

    def core_group_delete_group_members(
        self, *, members: Sequence[GroupDeleteGroupMembersParamMember | Mapping[str, Any]]
    ) -> None:
        """core_group_delete_group_members (write). Deletes group members."""
        return self._typed_call("core_group_delete_group_members", {"members": members}, None)

    def core_group_delete_groups(self, *, groupids: Sequence[int]) -> None:
        """core_group_delete_groups (write). Deletes all specified groups."""
        return self._typed_call("core_group_delete_groups", {"groupids": groupids}, None)

    def core_group_get_course_groups(self, *, courseid: int) -> list[GroupGetCourseGroupsItem]:
        """core_group_get_course_groups (read). Returns all groups in specified course."""
        return self._typed_call(
            "core_group_get_course_groups", {"courseid": courseid}, list[GroupGetCourseGroupsItem]
        )

    def core_group_get_group_members(
        self, *, groupids: Sequence[int]
    ) -> list[GroupGetGroupMembersItem]:
        """core_group_get_group_members (read). Returns group members."""
        return self._typed_call(
            "core_group_get_group_members", {"groupids": groupids}, list[GroupGetGroupMembersItem]
        )

    def core_message_send_instant_messages(
        self, *, messages: Sequence[MessageSendInstantMessagesParamMessage | Mapping[str, Any]]
    ) -> list[MessageSendInstantMessagesItem]:
        """core_message_send_instant_messages (write). Send instant messages"""
        return self._typed_call(
            "core_message_send_instant_messages",
            {"messages": messages},
            list[MessageSendInstantMessagesItem],
        )

    def core_role_assign_roles(
        self, *, assignments: Sequence[RoleAssignRolesParamAssignment | Mapping[str, Any]]
    ) -> None:
        """core_role_assign_roles (write). Manual role assignments."""
        return self._typed_call("core_role_assign_roles", {"assignments": assignments}, None)

    def core_update_inplace_editable(
        self, *, component: str, itemtype: str, itemid: str, value: str
    ) -> UpdateInplaceEditableResult:
        """core_update_inplace_editable (write). Generic service to update title"""
        return self._typed_call(
            "core_update_inplace_editable",
            {"component": component, "itemtype": itemtype, "itemid": itemid, "value": value},
            UpdateInplaceEditableResult,
        )

    def core_user_get_course_user_profiles(
        self, *, userlist: Sequence[UserGetCourseUserProfilesParamUserlist | Mapping[str, Any]]
    ) -> list[UserGetCourseUserProfilesItem]:
        """core_user_get_course_user_profiles (read). Get course user profiles (each of the
        profils matching a course id and a user id),.
        """
        return self._typed_call(
            "core_user_get_course_user_profiles",
            {"userlist": userlist},
            list[UserGetCourseUserProfilesItem],
        )

    def core_user_get_users_by_field(
        self, *, field: str, values: Sequence[str]
    ) -> list[UserGetUsersByFieldItem]:
        """core_user_get_users_by_field (read). Retrieve users' information for a specified
        unique field - If you want to do a user search, use core_user_get_users() or
        core_user_search_identity().
        """
        return self._typed_call(
            "core_user_get_users_by_field",
            {"field": field, "values": values},
            list[UserGetUsersByFieldItem],
        )

    def core_webservice_get_site_info(
        self, *, serviceshortnames: Sequence[str] | None = None
    ) -> WebserviceGetSiteInfoResult:
        """core_webservice_get_site_info (read). Return some site info / user info / list
        web service functions
        """
        return self._typed_call(
            "core_webservice_get_site_info",
            {"serviceshortnames": serviceshortnames},
            WebserviceGetSiteInfoResult,
        )

    def enrol_manual_enrol_users(
        self, *, enrolments: Sequence[EnrolManualEnrolUsersParamEnrolment | Mapping[str, Any]]
    ) -> None:
        """enrol_manual_enrol_users (write). Manual enrol users"""
        return self._typed_call("enrol_manual_enrol_users", {"enrolments": enrolments}, None)

    def enrol_manual_unenrol_users(
        self, *, enrolments: Sequence[EnrolManualUnenrolUsersParamEnrolment | Mapping[str, Any]]
    ) -> None:
        """enrol_manual_unenrol_users (write). Manual unenrol users"""
        return self._typed_call("enrol_manual_unenrol_users", {"enrolments": enrolments}, None)

    def local_thesisdesk_delete_items(
        self, *, courseid: int, keys: Sequence[str]
    ) -> DeleteItemsResult:
        """local_thesisdesk_delete_items (write). Delete managed items by key, with their
        Moodle objects.
        """
        return self._typed_call(
            "local_thesisdesk_delete_items", {"courseid": courseid, "keys": keys}, DeleteItemsResult
        )

    def local_thesisdesk_get_state(
        self, *, courseid: int, kinds: Sequence[str] | None = None
    ) -> GetStateResult:
        """local_thesisdesk_get_state (read). Everything the plugin manages in a course,
        with Moodle's current values.
        """
        return self._typed_call(
            "local_thesisdesk_get_state", {"courseid": courseid, "kinds": kinds}, GetStateResult
        )

    def local_thesisdesk_get_user_roles(
        self, *, userid: int | None = None, courseids: Sequence[int] | None = None
    ) -> GetUserRolesResult:
        """local_thesisdesk_get_user_roles (read). A user's role shortnames in given courses
        and whether they may manage ThesisDesk there.
        """
        return self._typed_call(
            "local_thesisdesk_get_user_roles",
            {"userid": userid, "courseids": courseids},
            GetUserRolesResult,
        )

    def local_thesisdesk_notify(
        self, *, notifications: Sequence[NotifyParamNotification | Mapping[str, Any]]
    ) -> NotifyResult:
        """local_thesisdesk_notify (write). Send notifications through the plugin's message
        provider; a key already sent is not sent again.
        """
        return self._typed_call(
            "local_thesisdesk_notify", {"notifications": notifications}, NotifyResult
        )

    def local_thesisdesk_publish_files(
        self, *, courseid: int, items: Sequence[PublishFilesParamItem | Mapping[str, Any]]
    ) -> PublishFilesResult:
        """local_thesisdesk_publish_files (write). Attach the files of the caller's draft
        area to a resource or folder by key; replacing keeps the same activity.
        """
        return self._typed_call(
            "local_thesisdesk_publish_files",
            {"courseid": courseid, "items": items},
            PublishFilesResult,
        )

    def local_thesisdesk_set_visibility(
        self, *, courseid: int, items: Sequence[SetVisibilityParamItem | Mapping[str, Any]]
    ) -> SetVisibilityResult:
        """local_thesisdesk_set_visibility (write). Show or hide managed items by key."""
        return self._typed_call(
            "local_thesisdesk_set_visibility",
            {"courseid": courseid, "items": items},
            SetVisibilityResult,
        )

    def local_thesisdesk_sync_assignments(
        self,
        *,
        courseid: int,
        assignments: Sequence[SyncAssignmentsParamAssignment | Mapping[str, Any]],
    ) -> SyncAssignmentsResult:
        """local_thesisdesk_sync_assignments (write). Create or update file-submission
        assignments by key, inside sections given by key, through Moodle's module API.
        """
        return self._typed_call(
            "local_thesisdesk_sync_assignments",
            {"courseid": courseid, "assignments": assignments},
            SyncAssignmentsResult,
        )

    def local_thesisdesk_sync_events(
        self, *, courseid: int, events: Sequence[SyncEventsParamEvent | Mapping[str, Any]]
    ) -> SyncEventsResult:
        """local_thesisdesk_sync_events (write). Create, update or delete course or group
        calendar events by key.
        """
        return self._typed_call(
            "local_thesisdesk_sync_events",
            {"courseid": courseid, "events": events},
            SyncEventsResult,
        )

    def local_thesisdesk_sync_groups(
        self, *, courseid: int, groups: Sequence[SyncGroupsParamGroup | Mapping[str, Any]]
    ) -> SyncGroupsResult:
        """local_thesisdesk_sync_groups (write). Create or update groups by key with their
        members; members no longer listed are removed.
        """
        return self._typed_call(
            "local_thesisdesk_sync_groups",
            {"courseid": courseid, "groups": groups},
            SyncGroupsResult,
        )

    def local_thesisdesk_sync_sections(
        self, *, courseid: int, sections: Sequence[SyncSectionsParamSection | Mapping[str, Any]]
    ) -> SyncSectionsResult:
        """local_thesisdesk_sync_sections (write). Create or update course sections by key:
        name, HTML summary, visibility, position and access restriction.
        """
        return self._typed_call(
            "local_thesisdesk_sync_sections",
            {"courseid": courseid, "sections": sections},
            SyncSectionsResult,
        )

    def local_thesisdesk_sync_subjects(
        self,
        *,
        courseid: int,
        subjects: Sequence[SyncSubjectsParamSubject | Mapping[str, Any]] | None = None,
        replace: bool | None = None,
    ) -> SyncSubjectsResult:
        """local_thesisdesk_sync_subjects (write). Store the course's published subject
        catalogue; with replace, subjects not listed are removed.
        """
        return self._typed_call(
            "local_thesisdesk_sync_subjects",
            {"courseid": courseid, "subjects": subjects, "replace": replace},
            SyncSubjectsResult,
        )

    def mod_assign_get_assignments(
        self,
        *,
        courseids: Sequence[int] | None = None,
        capabilities: Sequence[str] | None = None,
        includenotenrolledcourses: bool | None = None,
    ) -> ModAssignGetAssignmentsResult:
        """mod_assign_get_assignments (read). Returns the courses and assignments for the
        users capability
        """
        return self._typed_call(
            "mod_assign_get_assignments",
            {
                "courseids": courseids,
                "capabilities": capabilities,
                "includenotenrolledcourses": includenotenrolledcourses,
            },
            ModAssignGetAssignmentsResult,
        )

    def mod_assign_get_submission_status(
        self, *, assignid: int, userid: int | None = None, groupid: int | None = None
    ) -> ModAssignGetSubmissionStatusResult:
        """mod_assign_get_submission_status (read). Returns information about an assignment
        submission status for a given user.
        """
        return self._typed_call(
            "mod_assign_get_submission_status",
            {"assignid": assignid, "userid": userid, "groupid": groupid},
            ModAssignGetSubmissionStatusResult,
        )

    def mod_assign_get_submissions(
        self,
        *,
        assignmentids: Sequence[int],
        status: str | None = None,
        since: int | datetime | None = None,
        before: int | datetime | None = None,
    ) -> ModAssignGetSubmissionsResult:
        """mod_assign_get_submissions (read). Returns the submissions for assignments"""
        return self._typed_call(
            "mod_assign_get_submissions",
            {"assignmentids": assignmentids, "status": status, "since": since, "before": before},
            ModAssignGetSubmissionsResult,
        )

    def mod_assign_list_participants(
        self,
        *,
        assignid: int,
        groupid: int,
        filter: str,
        skip: int | None = None,
        limit: int | None = None,
        onlyids: bool | None = None,
        includeenrolments: bool | None = None,
        tablesort: bool | None = None,
    ) -> list[ModAssignListParticipantsItem]:
        """mod_assign_list_participants (read). List the participants for a single
        assignment, with some summary info about their submissions.
        """
        return self._typed_call(
            "mod_assign_list_participants",
            {
                "assignid": assignid,
                "groupid": groupid,
                "filter": filter,
                "skip": skip,
                "limit": limit,
                "onlyids": onlyids,
                "includeenrolments": includeenrolments,
                "tablesort": tablesort,
            },
            list[ModAssignListParticipantsItem],
        )

    def mod_assign_save_user_extensions(
        self, *, assignmentid: int, userids: Sequence[int], dates: Sequence[int | datetime]
    ) -> list[MoodleWarning]:
        """mod_assign_save_user_extensions (write). Save a list of assignment extensions"""
        return self._typed_call(
            "mod_assign_save_user_extensions",
            {"assignmentid": assignmentid, "userids": userids, "dates": dates},
            list[MoodleWarning],
        )


FUNCTIONS: tuple[str, ...] = (
    "core_calendar_create_calendar_events",
    "core_calendar_delete_calendar_events",
    "core_calendar_get_calendar_events",
    "core_course_create_courses",
    "core_course_delete_courses",
    "core_course_delete_modules",
    "core_course_get_contents",
    "core_course_get_courses_by_field",
    "core_course_update_courses",
    "core_courseformat_update_course",
    "core_enrol_get_enrolled_users",
    "core_enrol_get_users_courses",
    "core_files_get_files",
    "core_group_add_group_members",
    "core_group_create_groups",
    "core_group_delete_group_members",
    "core_group_delete_groups",
    "core_group_get_course_groups",
    "core_group_get_group_members",
    "core_message_send_instant_messages",
    "core_role_assign_roles",
    "core_update_inplace_editable",
    "core_user_get_course_user_profiles",
    "core_user_get_users_by_field",
    "core_webservice_get_site_info",
    "enrol_manual_enrol_users",
    "enrol_manual_unenrol_users",
    "local_thesisdesk_delete_items",
    "local_thesisdesk_get_state",
    "local_thesisdesk_get_user_roles",
    "local_thesisdesk_notify",
    "local_thesisdesk_publish_files",
    "local_thesisdesk_set_visibility",
    "local_thesisdesk_sync_assignments",
    "local_thesisdesk_sync_events",
    "local_thesisdesk_sync_groups",
    "local_thesisdesk_sync_sections",
    "local_thesisdesk_sync_subjects",
    "mod_assign_get_assignments",
    "mod_assign_get_submission_status",
    "mod_assign_get_submissions",
    "mod_assign_list_participants",
    "mod_assign_save_user_extensions",
)
