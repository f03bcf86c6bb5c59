<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

namespace local_thesisdesk\task;

/**
 * Ad hoc task: POST one deposit notice to ThesisDesk's webhook, signed with the shared secret.
 *
 * A failure (network, or an answer other than 2xx) throws, and Moodle's task system runs the
 * task again later with a growing delay; a retry sends the same eventid, and ThesisDesk's 409
 * (eventid already received) counts as delivered.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class send_webhook extends \core\task\adhoc_task {
    /** @var string the webhook's path under ThesisDesk's base URL */
    const PATH = '/hooks/moodle/';

    /**
     * Queue a delivery.
     *
     * @param array $payload the body's fields except eventid and site
     */
    public static function queue(array $payload): void {
        $task = new self();
        $task->set_custom_data(['eventid' => \core\uuid::generate()] + $payload);
        \core\task\manager::queue_adhoc_task($task);
    }

    /**
     * The task's name in the task logs.
     *
     * @return string
     */
    public function get_name(): string {
        return get_string('task_sendwebhook', 'local_thesisdesk');
    }

    /**
     * The JSON body to send.
     *
     * @param array $data custom data of the task
     * @return string
     */
    public static function body(array $data): string {
        global $CFG;
        $fields = ['event', 'eventid', 'site', 'courseid', 'key', 'cmid', 'assignid', 'userid', 'groupid', 'submissionid',
            'status', 'timemodified'];
        $data['site'] = $CFG->wwwroot;
        $body = [];
        foreach ($fields as $field) {
            $body[$field] = $data[$field] ?? null;
        }
        return json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    }

    /**
     * The signature header value: HMAC-SHA256 of "<timestamp>.<body>" with the shared secret.
     *
     * @param string $secret shared secret
     * @param int $timestamp Unix seconds
     * @param string $body raw body
     * @return string
     */
    public static function signature(string $secret, int $timestamp, string $body): string {
        return 'sha256=' . hash_hmac('sha256', $timestamp . '.' . $body, $secret);
    }

    /**
     * Send the notice.
     */
    public function execute() {
        global $CFG;
        require_once($CFG->libdir . '/filelib.php');

        $baseurl = rtrim((string) get_config('local_thesisdesk', 'thesisdeskurl'), '/');
        if ($baseurl === '') {
            mtrace('ThesisDesk URL not set: deposit notice dropped.');
            return;
        }
        $secret = (string) get_config('local_thesisdesk', 'webhooksecret');
        $body = self::body((array) $this->get_custom_data());
        $timestamp = time();

        // The URL is set by the site administrator (it often points to a host on the
        // internal network), so the cURL security block list does not apply to it.
        $curl = new \curl(['ignoresecurity' => true]);
        $curl->setHeader([
            'Content-Type: application/json',
            'X-ThesisDesk-Timestamp: ' . $timestamp,
            'X-ThesisDesk-Signature: ' . self::signature($secret, $timestamp, $body),
        ]);
        $curl->post($baseurl . self::PATH, $body, ['CURLOPT_TIMEOUT' => 20, 'CURLOPT_CONNECTTIMEOUT' => 10]);
        $info = $curl->get_info();
        $status = (int) ($info['http_code'] ?? 0);
        if (!$curl->get_errno() && $status === 409) {
            // ThesisDesk already has this eventid: an earlier try was received but its answer lost.
            mtrace('Deposit notice already received by ThesisDesk (HTTP 409).');
            return;
        }
        if ($curl->get_errno() || $status < 200 || $status >= 300) {
            throw new \moodle_exception('webhookfailed', 'local_thesisdesk', '', (object) [
                'status' => $status,
                'error' => $curl->error,
            ]);
        }
        mtrace('Deposit notice delivered to ThesisDesk (HTTP ' . $status . ').');
    }
}
