"""Generated from the function catalogue by moodle/client/codegen.py: do not edit.

Regenerate with `python -m thesisdesk.moodle.client.codegen` after changing the catalogue.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class _Answer(BaseModel):
    """Part of an answer. Unknown keys (a newer Moodle) are ignored; numbers sent where
    text is described (Moodle mixes them) are read as text; ids sent as strings as ints."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _php_empty_object(cls, value: Any) -> Any:
        # PHP's json_encode writes an empty object as [].
        return {} if isinstance(value, list) and not value else value


class _Param(BaseModel):
    """Part of a request. Unknown keys are refused here rather than by Moodle."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class CalendarCreateCalendarEventsResultEvent(_Answer):
    """event"""

    id: int | None
    name: str | None
    description: str | None = None
    format: int | None
    courseid: int | None
    groupid: int | None
    userid: int | None
    repeatid: int | None = None
    modulename: str | None = None
    instance: int | None
    eventtype: str | None
    timestart: int | None
    timeduration: int | None
    visible: int | None
    uuid: str | None = None
    sequence: int | None
    timemodified: int | None
    subscriptionid: int | None = None


class MoodleWarning(_Answer):
    """warning"""

    item: str | None = None
    itemid: int | None = None
    warningcode: str | None
    message: str | None


class CalendarCreateCalendarEventsResult(_Answer):
    events: list[CalendarCreateCalendarEventsResultEvent]
    warnings: list[MoodleWarning] = []


class CalendarCreateCalendarEventsParamEvent(_Param):
    name: str
    description: str | None = None
    format: int | None = None
    courseid: int | None = None
    groupid: int | None = None
    repeats: int | None = None
    eventtype: str | None = None
    timestart: int | datetime | None = None
    timeduration: int | None = None
    visible: int | None = None
    sequence: int | None = None


class CalendarDeleteCalendarEventsParamEvent(_Param):
    eventid: int
    repeat: bool


class CalendarGetCalendarEventsResultEvent(_Answer):
    """event"""

    id: int | None
    name: str | None
    description: str | None = None
    format: int | None
    courseid: int | None
    categoryid: int | None = None
    groupid: int | None
    userid: int | None
    repeatid: int | None
    modulename: str | None = None
    instance: int | None
    eventtype: str | None
    timestart: int | None
    timeduration: int | None
    visible: int | None
    uuid: str | None = None
    sequence: int | None
    timemodified: int | None
    subscriptionid: int | None = None


class CalendarGetCalendarEventsResult(_Answer):
    events: list[CalendarGetCalendarEventsResultEvent]
    warnings: list[MoodleWarning] = []


class CalendarGetCalendarEventsParamEvents(_Param):
    eventids: list[int] | None = None
    courseids: list[int] | None = None
    groupids: list[int] | None = None
    categoryids: list[int] | None = None


class CalendarGetCalendarEventsParamOptions(_Param):
    userevents: bool | None = None
    siteevents: bool | None = None
    timestart: int | datetime | None = None
    timeend: int | datetime | None = None
    ignorehidden: bool | None = None


class CourseCreateCoursesItem(_Answer):
    id: int | None
    shortname: str | None


class CourseCreateCoursesParamCourseCourseformatoption(_Param):
    name: str
    value: str


class CourseCreateCoursesParamCourseCustomfield(_Param):
    shortname: str
    value: str


class CourseCreateCoursesParamCourse(_Param):
    fullname: str
    shortname: str
    categoryid: int
    idnumber: str | None = None
    summary: str | None = None
    summaryformat: int | None = None
    format: str | None = None
    showgrades: int | None = None
    newsitems: int | None = None
    startdate: int | datetime | None = None
    enddate: int | datetime | None = None
    numsections: int | None = None
    maxbytes: int | None = None
    showreports: int | None = None
    visible: int | None = None
    hiddensections: int | None = None
    groupmode: int | None = None
    groupmodeforce: int | None = None
    defaultgroupingid: int | None = None
    enablecompletion: int | None = None
    completionnotify: int | None = None
    lang: str | None = None
    forcetheme: str | None = None
    courseformatoptions: list[CourseCreateCoursesParamCourseCourseformatoption] | None = None
    customfields: list[CourseCreateCoursesParamCourseCustomfield] | None = None


class CourseDeleteCoursesResult(_Answer):
    warnings: list[MoodleWarning] = []


class CourseGetContentsItemModuleActivitybadgeBadgeextraattribute(_Answer):
    """Each of the attribute names and values"""

    name: str | None = None
    value: str | None = None


class CourseGetContentsItemModuleActivitybadge(_Answer):
    """Activity badge to display near the name"""

    badgecontent: str | None = None
    badgestyle: str | None = None
    badgeurl: str | None = None
    badgeelementid: str | None = None
    badgeextraattributes: list[CourseGetContentsItemModuleActivitybadgeBadgeextraattribute] = []


class CourseGetContentsItemModuleCompletiondataDetailRulevalue(_Answer):
    status: int
    description: str


class CourseGetContentsItemModuleCompletiondataDetail(_Answer):
    rulename: str
    rulevalue: CourseGetContentsItemModuleCompletiondataDetailRulevalue


class CourseGetContentsItemModuleCompletiondata(_Answer):
    state: int
    timecompleted: int
    overrideby: int | None
    valueused: bool
    hascompletion: bool
    isautomatic: bool
    istrackeduser: bool
    uservisible: bool
    details: list[CourseGetContentsItemModuleCompletiondataDetail]
    isoverallcomplete: bool | None = None


class CourseGetContentsItemModuleDate(_Answer):
    label: str | None
    timestamp: int | None
    relativeto: int | None = None
    dataid: str | None = None


class MoodleFileTag(_Answer):
    id: int
    name: str
    rawname: str
    isstandard: bool
    tagcollid: int
    taginstanceid: int
    taginstancecontextid: int
    itemid: int
    ordering: int
    flag: int | None
    viewurl: str | None = None


class MoodleFile(_Answer):
    type: str | None
    filename: str | None
    filepath: str | None
    filesize: int | None
    fileurl: str | None = None
    content: str | None = None
    timecreated: int | None
    timemodified: int | None
    sortorder: int | None
    mimetype: str | None = None
    isexternalfile: bool | None = None
    repositorytype: str | None = None
    userid: int | None
    author: str | None
    license: str | None
    tags: list[MoodleFileTag] = []


class CourseGetContentsItemModuleContentsinfo(_Answer):
    """Contents summary information."""

    filescount: int | None
    filessize: int | None
    lastmodified: int | None
    mimetypes: list[str | None]
    repositorytype: str | None = None


class CourseGetContentsItemModule(_Answer):
    id: int | None
    url: str | None = None
    name: str | None
    instance: int | None = None
    contextid: int | None = None
    description: str | None = None
    visible: int | None = None
    uservisible: bool | None = None
    availabilityinfo: str | None = None
    visibleoncoursepage: int | None = None
    modicon: str | None
    modname: str | None
    purpose: str | None
    branded: bool | None = None
    modplural: str | None
    availability: str | None = None
    indent: int | None
    onclick: str | None = None
    afterlink: str | None = None
    activitybadge: CourseGetContentsItemModuleActivitybadge | None = None
    customdata: str | None = None
    noviewlink: bool | None = None
    completion: int | None = None
    completiondata: CourseGetContentsItemModuleCompletiondata | None = None
    downloadcontent: int | None = None
    dates: list[CourseGetContentsItemModuleDate] = []
    groupmode: int | None = None
    contents: list[MoodleFile] = []
    contentsinfo: CourseGetContentsItemModuleContentsinfo | None = None


class CourseGetContentsItem(_Answer):
    id: int | None
    name: str | None
    visible: int | None = None
    summary: str | None
    summaryformat: int | None
    section: int | None = None
    hiddenbynumsections: int | None = None
    uservisible: bool | None = None
    availabilityinfo: str | None = None
    component: str | None = None
    itemid: int | None = None
    modules: list[CourseGetContentsItemModule]


class CourseGetContentsParamOption(_Param):
    name: str
    value: str


class MoodleFile2(_Answer):
    """File."""

    filename: str | None = None
    filepath: str | None = None
    filesize: int | None = None
    fileurl: str | None = None
    timemodified: int | None = None
    mimetype: str | None = None
    isexternalfile: bool | None = None
    repositorytype: str | None = None
    icon: str | None = None


class CourseGetCoursesByFieldResultCourseContact(_Answer):
    id: int | None
    fullname: str | None


class CourseGetCoursesByFieldResultCourseCustomfield(_Answer):
    name: str | None
    shortname: str | None
    type: str | None
    valueraw: str | None
    value: str | None


class CourseGetCoursesByFieldResultCourseFilter(_Answer):
    filter: str | None
    localstate: int | None
    inheritedstate: int | None


class CourseGetCoursesByFieldResultCourseCourseformatoption(_Answer):
    name: str | None
    value: str | None


class CourseGetCoursesByFieldResultCourse(_Answer):
    id: int | None
    fullname: str | None
    displayname: str | None
    shortname: str | None
    courseimage: str | None = None
    categoryid: int | None
    categoryname: str | None
    sortorder: int | None = None
    summary: str | None
    summaryformat: int | None
    summaryfiles: list[MoodleFile2] = []
    overviewfiles: list[MoodleFile2]
    showactivitydates: bool | None
    showcompletionconditions: bool | None
    contacts: list[CourseGetCoursesByFieldResultCourseContact]
    enrollmentmethods: list[str | None]
    customfields: list[CourseGetCoursesByFieldResultCourseCustomfield] = []
    idnumber: str | None = None
    format: str | None = None
    showgrades: int | None = None
    newsitems: int | None = None
    startdate: int | None = None
    enddate: int | None = None
    maxbytes: int | None = None
    showreports: int | None = None
    visible: int | None = None
    groupmode: int | None = None
    groupmodeforce: int | None = None
    defaultgroupingid: int | None = None
    enablecompletion: int | None = None
    completionnotify: int | None = None
    lang: str | None = None
    theme: str | None = None
    marker: int | None = None
    legacyfiles: int | None = None
    calendartype: str | None = None
    timecreated: int | None = None
    timemodified: int | None = None
    requested: int | None = None
    cacherev: int | None = None
    filters: list[CourseGetCoursesByFieldResultCourseFilter] = []
    courseformatoptions: list[CourseGetCoursesByFieldResultCourseCourseformatoption] = []
    communicationroomname: str | None = None
    communicationroomurl: str | None = None


class CourseGetCoursesByFieldResult(_Answer):
    courses: list[CourseGetCoursesByFieldResultCourse]
    warnings: list[MoodleWarning] = []


class CourseUpdateCoursesResult(_Answer):
    warnings: list[MoodleWarning] = []


class CourseUpdateCoursesParamCourseCourseformatoption(_Param):
    name: str
    value: str


class CourseUpdateCoursesParamCourseCustomfield(_Param):
    shortname: str
    value: str


class CourseUpdateCoursesParamCourse(_Param):
    id: int
    fullname: str | None = None
    shortname: str | None = None
    categoryid: int | None = None
    idnumber: str | None = None
    summary: str | None = None
    summaryformat: int | None = None
    format: str | None = None
    showgrades: int | None = None
    newsitems: int | None = None
    startdate: int | datetime | None = None
    enddate: int | datetime | None = None
    numsections: int | None = None
    maxbytes: int | None = None
    showreports: int | None = None
    visible: int | None = None
    hiddensections: int | None = None
    groupmode: int | None = None
    groupmodeforce: int | None = None
    defaultgroupingid: int | None = None
    enablecompletion: int | None = None
    completionnotify: int | None = None
    lang: str | None = None
    forcetheme: str | None = None
    courseformatoptions: list[CourseUpdateCoursesParamCourseCourseformatoption] | None = None
    customfields: list[CourseUpdateCoursesParamCourseCustomfield] | None = None


class EnrolGetEnrolledUsersItemCustomfield(_Answer):
    type: str | None
    value: str | None
    name: str | None
    shortname: str | None


class EnrolGetEnrolledUsersItemGroup(_Answer):
    id: int | None
    name: str | None
    description: str | None
    descriptionformat: int | None


class EnrolGetEnrolledUsersItemRole(_Answer):
    roleid: int | None
    name: str | None
    shortname: str | None
    sortorder: int | None


class EnrolGetEnrolledUsersItemPreference(_Answer):
    name: str | None
    value: str | None


class EnrolGetEnrolledUsersItemEnrolledcourse(_Answer):
    id: int | None
    fullname: str | None
    shortname: str | None


class EnrolGetEnrolledUsersItem(_Answer):
    id: int | None
    username: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    fullname: str | None
    email: str | None = None
    address: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    department: str | None = None
    institution: str | None = None
    idnumber: str | None = None
    interests: str | None = None
    firstaccess: int | None = None
    lastaccess: int | None = None
    lastcourseaccess: int | None = None
    description: str | None = None
    descriptionformat: int | None = None
    city: str | None = None
    country: str | None = None
    profileimageurlsmall: str | None = None
    profileimageurl: str | None = None
    customfields: list[EnrolGetEnrolledUsersItemCustomfield] = []
    groups: list[EnrolGetEnrolledUsersItemGroup] = []
    roles: list[EnrolGetEnrolledUsersItemRole] = []
    preferences: list[EnrolGetEnrolledUsersItemPreference] = []
    enrolledcourses: list[EnrolGetEnrolledUsersItemEnrolledcourse] = []


class EnrolGetEnrolledUsersParamOption(_Param):
    name: str
    value: str


class EnrolGetUsersCoursesItem(_Answer):
    id: int | None
    shortname: str | None
    fullname: str | None
    displayname: str | None = None
    enrolledusercount: int | None = None
    idnumber: str | None
    visible: int | None
    summary: str | None = None
    summaryformat: int | None = None
    format: str | None = None
    courseimage: str | None = None
    showgrades: bool | None = None
    lang: str | None = None
    enablecompletion: bool | None = None
    completionhascriteria: bool | None = None
    completionusertracked: bool | None = None
    category: int | None = None
    progress: float | None = None
    completed: bool | None = None
    startdate: int | None = None
    enddate: int | None = None
    marker: int | None = None
    lastaccess: int | None = None
    isfavourite: bool | None = None
    hidden: bool | None = None
    overviewfiles: list[MoodleFile2] = []
    showactivitydates: bool | None
    showcompletionconditions: bool | None
    timemodified: int | None = None


class FilesGetFilesResultParent(_Answer):
    contextid: int | None
    component: str | None
    filearea: str | None
    itemid: int | None
    filepath: str | None
    filename: str | None


class FilesGetFilesResultFile(_Answer):
    contextid: int | None
    component: str | None
    filearea: str | None
    itemid: int | None
    filepath: str | None
    filename: str | None
    isdir: bool | None
    url: str | None
    timemodified: int | None
    timecreated: int | None = None
    filesize: int | None = None
    author: str | None = None
    license: str | None = None


class FilesGetFilesResult(_Answer):
    parents: list[FilesGetFilesResultParent]
    files: list[FilesGetFilesResultFile]


class GroupAddGroupMembersParamMember(_Param):
    groupid: int
    userid: int


class GroupCreateGroupsItemCustomfield(_Answer):
    shortname: str | None
    value: str | None


class GroupCreateGroupsItem(_Answer):
    id: int | None
    courseid: int | None
    name: str | None
    description: str | None
    descriptionformat: int | None
    enrolmentkey: str | None
    idnumber: str | None
    visibility: int | None
    participation: bool | None
    customfields: list[GroupCreateGroupsItemCustomfield] = []


class GroupCreateGroupsParamGroupCustomfield(_Param):
    shortname: str
    value: str


class GroupCreateGroupsParamGroup(_Param):
    courseid: int
    name: str
    description: str
    descriptionformat: int | None = None
    enrolmentkey: str | None = None
    idnumber: str | None = None
    visibility: int | None = None
    participation: bool | None = None
    customfields: list[GroupCreateGroupsParamGroupCustomfield] | None = None


class GroupDeleteGroupMembersParamMember(_Param):
    groupid: int
    userid: int


class GroupGetCourseGroupsItem(_Answer):
    id: int | None
    courseid: int | None
    name: str | None
    description: str | None
    descriptionformat: int | None
    enrolmentkey: str | None
    idnumber: str | None
    visibility: int | None
    participation: bool | None


class GroupGetGroupMembersItem(_Answer):
    groupid: int | None
    userids: list[int | None]


class MessageSendInstantMessagesItem(_Answer):
    msgid: int | None
    clientmsgid: str | None = None
    errormessage: str | None = None
    text: str | None = None
    timecreated: int | None = None
    conversationid: int | None = None
    useridfrom: int | None = None
    candeletemessagesforallusers: bool | None = None


class MessageSendInstantMessagesParamMessage(_Param):
    touserid: int
    text: str
    textformat: int | None = None
    clientmsgid: str | None = None


class RoleAssignRolesParamAssignment(_Param):
    roleid: int
    userid: int
    contextid: int | None = None
    contextlevel: str | None = None
    instanceid: int | None = None


class UpdateInplaceEditableResultEditicon(_Answer):
    """Edit icon"""

    key: str | None = None
    component: str | None = None
    title: str | None = None


class UpdateInplaceEditableResult(_Answer):
    displayvalue: str | None
    component: str | None = None
    itemtype: str | None = None
    value: str | None = None
    itemid: str | None = None
    edithint: str | None = None
    editlabel: str | None = None
    editicon: UpdateInplaceEditableResultEditicon | None = None
    type: str | None = None
    options: str | None = None
    linkeverything: int | None = None


class UserGetCourseUserProfilesItemCustomfield(_Answer):
    type: str | None
    value: str | None
    displayvalue: str | None = None
    name: str | None
    shortname: str | None


class UserGetCourseUserProfilesItemPreference(_Answer):
    name: str | None
    value: str | None


class UserGetCourseUserProfilesItemGroup(_Answer):
    id: int | None
    name: str | None
    description: str | None
    descriptionformat: int | None


class UserGetCourseUserProfilesItemRole(_Answer):
    roleid: int | None
    name: str | None
    shortname: str | None
    sortorder: int | None


class UserGetCourseUserProfilesItemEnrolledcourse(_Answer):
    id: int | None
    fullname: str | None
    shortname: str | None


class UserGetCourseUserProfilesItem(_Answer):
    id: int | None
    username: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    fullname: str | None
    email: str | None = None
    address: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    department: str | None = None
    institution: str | None = None
    idnumber: str | None = None
    interests: str | None = None
    firstaccess: int | None = None
    lastaccess: int | None = None
    auth: str | None = None
    suspended: bool | None = None
    confirmed: bool | None = None
    lang: str | None = None
    calendartype: str | None = None
    theme: str | None = None
    timezone: str | None = None
    mailformat: int | None = None
    trackforums: int | None = None
    description: str | None = None
    descriptionformat: int | None = None
    city: str | None = None
    country: str | None = None
    profileimageurlsmall: str | None
    profileimageurl: str | None
    customfields: list[UserGetCourseUserProfilesItemCustomfield] = []
    preferences: list[UserGetCourseUserProfilesItemPreference] = []
    groups: list[UserGetCourseUserProfilesItemGroup] = []
    roles: list[UserGetCourseUserProfilesItemRole] = []
    enrolledcourses: list[UserGetCourseUserProfilesItemEnrolledcourse] = []


class UserGetCourseUserProfilesParamUserlist(_Param):
    userid: int
    courseid: int


class UserGetUsersByFieldItemCustomfield(_Answer):
    type: str | None
    value: str | None
    displayvalue: str | None = None
    name: str | None
    shortname: str | None


class UserGetUsersByFieldItemPreference(_Answer):
    name: str | None
    value: str | None


class UserGetUsersByFieldItem(_Answer):
    id: int | None
    username: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    fullname: str | None
    email: str | None = None
    address: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    department: str | None = None
    institution: str | None = None
    idnumber: str | None = None
    interests: str | None = None
    firstaccess: int | None = None
    lastaccess: int | None = None
    auth: str | None = None
    suspended: bool | None = None
    confirmed: bool | None = None
    lang: str | None = None
    calendartype: str | None = None
    theme: str | None = None
    timezone: str | None = None
    mailformat: int | None = None
    trackforums: int | None = None
    description: str | None = None
    descriptionformat: int | None = None
    city: str | None = None
    country: str | None = None
    profileimageurlsmall: str | None
    profileimageurl: str | None
    customfields: list[UserGetUsersByFieldItemCustomfield] = []
    preferences: list[UserGetUsersByFieldItemPreference] = []


class WebserviceGetSiteInfoResultFunction(_Answer):
    """functions that are available"""

    name: str | None
    version: str | None


class WebserviceGetSiteInfoResultAdvancedfeature(_Answer):
    """Advanced features availability"""

    name: str | None
    value: int | None


class WebserviceGetSiteInfoResult(_Answer):
    sitename: str | None
    username: str | None
    firstname: str | None
    lastname: str | None
    fullname: str | None
    lang: str | None
    userid: int | None
    siteurl: str | None
    userpictureurl: str | None
    functions: list[WebserviceGetSiteInfoResultFunction]
    downloadfiles: int | None = None
    uploadfiles: int | None = None
    release: str | None = None
    version: str | None = None
    mobilecssurl: str | None = None
    advancedfeatures: list[WebserviceGetSiteInfoResultAdvancedfeature] = []
    usercanmanageownfiles: bool | None = None
    userquota: int | None = None
    usermaxuploadfilesize: int | None = None
    userhomepage: int | None = None
    userhomepageurl: str | None = None
    userprivateaccesskey: str | None = None
    siteid: int | None = None
    sitecalendartype: str | None = None
    usercalendartype: str | None = None
    userissiteadmin: bool | None = None
    theme: str | None = None
    limitconcurrentlogins: int | None = None
    usersessionscount: int | None = None
    policyagreed: int | None = None


class EnrolManualEnrolUsersParamEnrolment(_Param):
    roleid: int
    userid: int
    courseid: int
    timestart: int | datetime | None = None
    timeend: int | datetime | None = None
    suspend: int | None = None


class EnrolManualUnenrolUsersParamEnrolment(_Param):
    userid: int
    courseid: int
    roleid: int | None = None


class DeleteItemsResultItem(_Answer):
    key: str
    status: str
    errorcode: str | None = None
    message: str | None = None


class DeleteItemsResult(_Answer):
    items: list[DeleteItemsResultItem]
    warnings: list[MoodleWarning] = []


class GetStateResultItem(_Answer):
    key: str
    kind: str
    exists: bool
    id: int | None = None
    instanceid: int | None = None
    sectionnum: int | None = None
    sectionkey: str | None = None
    name: str | None = None
    visible: bool | None = None
    summary: str | None = None
    groupid: int | None = None
    groupingid: int | None = None
    allowsubmissionsfromdate: int | None = None
    duedate: int | None = None
    cutoffdate: int | None = None
    gradingduedate: int | None = None
    maxfiles: int | None = None
    maxbytes: int | None = None
    filetypes: str | None = None
    filesubmissions: bool | None = None
    timestart: int | None = None
    timeduration: int | None = None
    eventtype: str | None = None
    members: list[int] = []
    files: int | None = None
    fingerprint: str | None = None
    timemodified: int | None = None


class GetStateResult(_Answer):
    courseid: int
    items: list[GetStateResultItem]
    warnings: list[MoodleWarning] = []


class GetUserRolesResultCourse(_Answer):
    courseid: int
    shortname: str
    roles: list[str]
    canmanage: bool
    canview: bool


class GetUserRolesResult(_Answer):
    userid: int
    courses: list[GetUserRolesResultCourse]
    warnings: list[MoodleWarning] = []


class NotifyResultNotification(_Answer):
    key: str
    userid: int | None = None
    messageid: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class NotifyResult(_Answer):
    notifications: list[NotifyResultNotification]
    warnings: list[MoodleWarning] = []


class NotifyParamNotification(_Param):
    key: str
    userid: int
    courseid: int | None = None
    subject: str
    fullmessagehtml: str
    fullmessage: str
    contexturl: str | None = None
    contexturlname: str | None = None


class PublishFilesResultItem(_Answer):
    key: str
    cmid: int | None = None
    files: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class PublishFilesResult(_Answer):
    items: list[PublishFilesResultItem]
    warnings: list[MoodleWarning] = []


class PublishFilesParamItem(_Param):
    key: str
    sectionkey: str | None = None
    type: str
    name: str
    intro: str | None = None
    draftitemid: int
    visible: bool | None = None
    fingerprint: str | None = None


class SetVisibilityResultItem(_Answer):
    key: str
    status: str
    errorcode: str | None = None
    message: str | None = None


class SetVisibilityResult(_Answer):
    items: list[SetVisibilityResultItem]
    warnings: list[MoodleWarning] = []


class SetVisibilityParamItem(_Param):
    key: str
    visible: bool


class SyncAssignmentsResultAssignment(_Answer):
    key: str
    cmid: int | None = None
    assignid: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class SyncAssignmentsResult(_Answer):
    assignments: list[SyncAssignmentsResultAssignment]
    warnings: list[MoodleWarning] = []


class SyncAssignmentsParamAssignment(_Param):
    key: str
    sectionkey: str
    name: str
    intro: str | None = None
    introformat: int | None = None
    allowsubmissionsfromdate: int | datetime | None = None
    duedate: int | datetime | None = None
    cutoffdate: int | datetime | None = None
    gradingduedate: int | datetime | None = None
    maxfiles: int | None = None
    maxbytes: int | None = None
    filetypes: str | None = None
    requiresubmissionstatement: bool | None = None
    sendnotifications: bool | None = None
    sendlatenotifications: bool | None = None
    grade: int | None = None
    visible: bool | None = None
    groupkey: str | None = None
    groupid: int | None = None
    fingerprint: str | None = None


class SyncEventsResultEvent(_Answer):
    key: str
    eventid: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class SyncEventsResult(_Answer):
    events: list[SyncEventsResultEvent]
    warnings: list[MoodleWarning] = []


class SyncEventsParamEvent(_Param):
    key: str
    name: str
    description: str | None = None
    timestart: int | datetime
    timeduration: int | None = None
    eventtype: str | None = None
    groupkey: str | None = None
    groupid: int | None = None
    visible: bool | None = None
    delete: bool | None = None
    fingerprint: str | None = None


class SyncGroupsResultGroup(_Answer):
    key: str
    groupid: int | None = None
    added: int | None = None
    removed: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class SyncGroupsResult(_Answer):
    groups: list[SyncGroupsResultGroup]
    warnings: list[MoodleWarning] = []


class SyncGroupsParamGroup(_Param):
    key: str
    name: str
    description: str | None = None
    members: list[int] | None = None
    fingerprint: str | None = None


class SyncSectionsResultSection(_Answer):
    key: str
    sectionid: int | None = None
    sectionnum: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class SyncSectionsResult(_Answer):
    sections: list[SyncSectionsResultSection]
    warnings: list[MoodleWarning] = []


class SyncSectionsParamSection(_Param):
    key: str
    name: str
    summary: str | None = None
    summaryformat: int | None = None
    visible: bool | None = None
    afterkey: str | None = None
    groupkey: str | None = None
    groupid: int | None = None
    groupingid: int | None = None
    fingerprint: str | None = None


class SyncSubjectsResultSubject(_Answer):
    key: str
    subjectid: int | None = None
    status: str
    errorcode: str | None = None
    message: str | None = None


class SyncSubjectsResult(_Answer):
    subjects: list[SyncSubjectsResultSubject]
    removed: int
    warnings: list[MoodleWarning] = []


class SyncSubjectsParamSubject(_Param):
    key: str
    title: str
    description: str | None = None
    supervisors: str | None = None
    keywords: str | None = None
    placesleft: int | None = None
    sortorder: int | None = None
    fingerprint: str | None = None


class ModAssignGetAssignmentsResultCourseAssignmentConfig(_Answer):
    """assignment configuration object"""

    id: int | None = None
    assignment: int | None = None
    plugin: str | None
    subtype: str | None
    name: str | None
    value: str | None


class ModAssignGetAssignmentsResultCourseAssignment(_Answer):
    """assignment information object"""

    id: int | None
    cmid: int | None
    course: int | None
    name: str | None
    nosubmissions: int | None
    submissiondrafts: int | None
    sendnotifications: int | None
    sendlatenotifications: int | None
    sendstudentnotifications: int | None
    duedate: int | None
    allowsubmissionsfromdate: int | None
    grade: int | None
    timemodified: int | None
    completionsubmit: int | None
    cutoffdate: int | None
    gradingduedate: int | None
    teamsubmission: int | None
    requireallteammemberssubmit: int | None
    teamsubmissiongroupingid: int | None
    blindmarking: int | None
    hidegrader: int | None
    revealidentities: int | None
    attemptreopenmethod: str | None
    maxattempts: int | None
    markingworkflow: int | None
    markingallocation: int | None
    markinganonymous: int | None
    requiresubmissionstatement: int | None
    preventsubmissionnotingroup: int | None = None
    submissionstatement: str | None = None
    submissionstatementformat: int | None = None
    configs: list[ModAssignGetAssignmentsResultCourseAssignmentConfig]
    intro: str | None = None
    introformat: int | None = None
    introfiles: list[MoodleFile2] = []
    introattachments: list[MoodleFile2] = []
    activity: str | None = None
    activityformat: int | None = None
    activityattachments: list[MoodleFile2] = []
    timelimit: int | None = None
    submissionattachments: int | None = None
    gradepenalty: int | None = None


class ModAssignGetAssignmentsResultCourse(_Answer):
    """course information object"""

    id: int | None
    fullname: str | None
    shortname: str | None
    timemodified: int | None
    assignments: list[ModAssignGetAssignmentsResultCourseAssignment]


class ModAssignGetAssignmentsResult(_Answer):
    courses: list[ModAssignGetAssignmentsResultCourse]
    warnings: list[MoodleWarning] = []


class ModAssignGetSubmissionStatusResultGradingsummary(_Answer):
    """Grading information."""

    participantcount: int | None
    submissiondraftscount: int | None
    submissionsenabled: bool | None
    submissionssubmittedcount: int | None
    submissionsneedgradingcount: int | None
    warnofungroupedusers: str | None


class ModAssignGetSubmissionStatusResultLastattemptSubmissionPluginFilearea(_Answer):
    area: str | None
    files: list[MoodleFile2] = []


class ModAssignGetSubmissionStatusResultLastattemptSubmissionPluginEditorfield(_Answer):
    name: str | None
    description: str | None
    text: str | None
    format: int | None


class ModAssignGetSubmissionStatusResultLastattemptSubmissionPlugin(_Answer):
    type: str | None
    name: str | None
    fileareas: list[ModAssignGetSubmissionStatusResultLastattemptSubmissionPluginFilearea] = []
    editorfields: list[
        ModAssignGetSubmissionStatusResultLastattemptSubmissionPluginEditorfield
    ] = []


class ModAssignGetSubmissionStatusResultLastattemptSubmission(_Answer):
    """submission info"""

    id: int | None
    userid: int | None
    attemptnumber: int | None
    timecreated: int | None
    timemodified: int | None
    timestarted: int | None = None
    status: str | None
    groupid: int | None
    assignment: int | None = None
    latest: int | None = None
    plugins: list[ModAssignGetSubmissionStatusResultLastattemptSubmissionPlugin] = []
    gradingstatus: str | None = None


class ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPluginFilearea(_Answer):
    area: str | None
    files: list[MoodleFile2] = []


class ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPluginEditorfield(_Answer):
    name: str | None
    description: str | None
    text: str | None
    format: int | None


class ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPlugin(_Answer):
    type: str | None
    name: str | None
    fileareas: list[ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPluginFilearea] = []
    editorfields: list[
        ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPluginEditorfield
    ] = []


class ModAssignGetSubmissionStatusResultLastattemptTeamsubmission(_Answer):
    """submission info"""

    id: int | None
    userid: int | None
    attemptnumber: int | None
    timecreated: int | None
    timemodified: int | None
    timestarted: int | None = None
    status: str | None
    groupid: int | None
    assignment: int | None = None
    latest: int | None = None
    plugins: list[ModAssignGetSubmissionStatusResultLastattemptTeamsubmissionPlugin] = []
    gradingstatus: str | None = None


class ModAssignGetSubmissionStatusResultLastattempt(_Answer):
    """Last attempt information."""

    submission: ModAssignGetSubmissionStatusResultLastattemptSubmission | None = None
    teamsubmission: ModAssignGetSubmissionStatusResultLastattemptTeamsubmission | None = None
    submissiongroup: int | None = None
    submissiongroupmemberswhoneedtosubmit: list[int | None] = []
    submissionsenabled: bool | None
    locked: bool | None
    graded: bool | None
    canedit: bool | None
    caneditowner: bool | None
    cansubmit: bool | None
    extensionduedate: int | None
    timelimit: int | None = None
    blindmarking: bool | None
    gradingstatus: str | None
    usergroups: list[int | None]


class ModAssignGetSubmissionStatusResultFeedbackGrade(_Answer):
    """grade information"""

    id: int | None
    assignment: int | None = None
    userid: int | None
    attemptnumber: int | None
    timecreated: int | None
    timemodified: int | None
    grader: int | None
    grade: str | None
    gradefordisplay: str | None = None


class ModAssignGetSubmissionStatusResultFeedbackPluginFilearea(_Answer):
    area: str | None
    files: list[MoodleFile2] = []


class ModAssignGetSubmissionStatusResultFeedbackPluginEditorfield(_Answer):
    name: str | None
    description: str | None
    text: str | None
    format: int | None


class ModAssignGetSubmissionStatusResultFeedbackPlugin(_Answer):
    type: str | None
    name: str | None
    fileareas: list[ModAssignGetSubmissionStatusResultFeedbackPluginFilearea] = []
    editorfields: list[ModAssignGetSubmissionStatusResultFeedbackPluginEditorfield] = []


class ModAssignGetSubmissionStatusResultFeedback(_Answer):
    """Feedback for the last attempt."""

    grade: ModAssignGetSubmissionStatusResultFeedbackGrade | None = None
    gradefordisplay: str | None
    gradeddate: int | None
    plugins: list[ModAssignGetSubmissionStatusResultFeedbackPlugin] = []


class ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPluginFilearea(_Answer):
    area: str | None
    files: list[MoodleFile2] = []


class ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPluginEditorfield(_Answer):
    name: str | None
    description: str | None
    text: str | None
    format: int | None


class ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPlugin(_Answer):
    type: str | None
    name: str | None
    fileareas: list[ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPluginFilearea] = []
    editorfields: list[
        ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPluginEditorfield
    ] = []


class ModAssignGetSubmissionStatusResultPreviousattemptSubmission(_Answer):
    """submission info"""

    id: int | None
    userid: int | None
    attemptnumber: int | None
    timecreated: int | None
    timemodified: int | None
    timestarted: int | None = None
    status: str | None
    groupid: int | None
    assignment: int | None = None
    latest: int | None = None
    plugins: list[ModAssignGetSubmissionStatusResultPreviousattemptSubmissionPlugin] = []
    gradingstatus: str | None = None


class ModAssignGetSubmissionStatusResultPreviousattemptGrade(_Answer):
    """grade information"""

    id: int | None
    assignment: int | None = None
    userid: int | None
    attemptnumber: int | None
    timecreated: int | None
    timemodified: int | None
    grader: int | None
    grade: str | None
    gradefordisplay: str | None = None


class ModAssignGetSubmissionStatusResultPreviousattemptFeedbackpluginFilearea(_Answer):
    area: str | None
    files: list[MoodleFile2] = []


class ModAssignGetSubmissionStatusResultPreviousattemptFeedbackpluginEditorfield(_Answer):
    name: str | None
    description: str | None
    text: str | None
    format: int | None


class ModAssignGetSubmissionStatusResultPreviousattemptFeedbackplugin(_Answer):
    type: str | None
    name: str | None
    fileareas: list[ModAssignGetSubmissionStatusResultPreviousattemptFeedbackpluginFilearea] = []
    editorfields: list[
        ModAssignGetSubmissionStatusResultPreviousattemptFeedbackpluginEditorfield
    ] = []


class ModAssignGetSubmissionStatusResultPreviousattempt(_Answer):
    attemptnumber: int | None
    submission: ModAssignGetSubmissionStatusResultPreviousattemptSubmission | None = None
    grade: ModAssignGetSubmissionStatusResultPreviousattemptGrade | None = None
    feedbackplugins: list[ModAssignGetSubmissionStatusResultPreviousattemptFeedbackplugin] = []


class ModAssignGetSubmissionStatusResultAssignmentdataAttachments(_Answer):
    """Intro and activity attachments"""

    intro: list[MoodleFile2] = []
    activity: list[MoodleFile2] = []


class ModAssignGetSubmissionStatusResultAssignmentdata(_Answer):
    """Extra information about assignment"""

    attachments: ModAssignGetSubmissionStatusResultAssignmentdataAttachments | None = None
    activity: str | None = None
    activityformat: int | None = None


class ModAssignGetSubmissionStatusResult(_Answer):
    gradingsummary: ModAssignGetSubmissionStatusResultGradingsummary | None = None
    lastattempt: ModAssignGetSubmissionStatusResultLastattempt | None = None
    feedback: ModAssignGetSubmissionStatusResultFeedback | None = None
    previousattempts: list[ModAssignGetSubmissionStatusResultPreviousattempt] = []
    assignmentdata: ModAssignGetSubmissionStatusResultAssignmentdata | None = None
    warnings: list[MoodleWarning] = []


class ModAssignGetSubmissionsResultAssignmentSubmissionPluginFilearea(_Answer):
    area: str | None
    files: list[MoodleFile2] = []


class ModAssignGetSubmissionsResultAssignmentSubmissionPluginEditorfield(_Answer):
    name: str | None
    description: str | None
    text: str | None
    format: int | None


class ModAssignGetSubmissionsResultAssignmentSubmissionPlugin(_Answer):
    type: str | None
    name: str | None
    fileareas: list[ModAssignGetSubmissionsResultAssignmentSubmissionPluginFilearea] = []
    editorfields: list[ModAssignGetSubmissionsResultAssignmentSubmissionPluginEditorfield] = []


class ModAssignGetSubmissionsResultAssignmentSubmission(_Answer):
    """submission info"""

    id: int | None
    userid: int | None
    attemptnumber: int | None
    timecreated: int | None
    timemodified: int | None
    timestarted: int | None = None
    status: str | None
    groupid: int | None
    assignment: int | None = None
    latest: int | None = None
    plugins: list[ModAssignGetSubmissionsResultAssignmentSubmissionPlugin] = []
    gradingstatus: str | None = None


class ModAssignGetSubmissionsResultAssignment(_Answer):
    assignmentid: int | None
    submissions: list[ModAssignGetSubmissionsResultAssignmentSubmission]


class ModAssignGetSubmissionsResult(_Answer):
    assignments: list[ModAssignGetSubmissionsResultAssignment]
    warnings: list[MoodleWarning] = []


class ModAssignListParticipantsItemCustomfield(_Answer):
    type: str | None
    value: str | None
    displayvalue: str | None = None
    name: str | None
    shortname: str | None


class ModAssignListParticipantsItemPreference(_Answer):
    name: str | None
    value: str | None


class ModAssignListParticipantsItemGroup(_Answer):
    id: int | None
    name: str | None
    description: str | None


class ModAssignListParticipantsItemRole(_Answer):
    roleid: int | None
    name: str | None
    shortname: str | None
    sortorder: int | None


class ModAssignListParticipantsItemEnrolledcourse(_Answer):
    id: int | None
    fullname: str | None
    shortname: str | None


class ModAssignListParticipantsItem(_Answer):
    id: int | None
    username: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    fullname: str | None
    email: str | None = None
    address: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    department: str | None = None
    institution: str | None = None
    idnumber: str | None = None
    interests: str | None = None
    firstaccess: int | None = None
    lastaccess: int | None = None
    suspended: bool | None = None
    trackforums: int | None = None
    description: str | None = None
    descriptionformat: int | None = None
    city: str | None = None
    country: str | None = None
    profileimageurlsmall: str | None = None
    profileimageurl: str | None = None
    customfields: list[ModAssignListParticipantsItemCustomfield] = []
    preferences: list[ModAssignListParticipantsItemPreference] = []
    recordid: int | None
    groups: list[ModAssignListParticipantsItemGroup] = []
    roles: list[ModAssignListParticipantsItemRole] = []
    enrolledcourses: list[ModAssignListParticipantsItemEnrolledcourse] = []
    submitted: bool | None
    requiregrading: bool | None
    grantedextension: bool | None
    submissionstatus: str | None = None
    groupid: int | None = None
    groupname: str | None = None


class CourseStateUpdate(_Answer):
    """One update of core_courseformat_update_course's answer (decoded from its
    JSON string): name "section" / "cm" / "course", action "put" / "remove"."""

    name: str
    action: str
    fields: dict[str, Any] = {}
