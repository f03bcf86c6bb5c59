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

    /** @var int seconds before the queued fallback runs, when the immediate delivery works */
    const FALLBACK_DELAY = 60;

    /**
     * Deliver a notice: right after the current request, and by an ad hoc task as the fallback.
     *
     * Waiting for cron would show a deposit in ThesisDesk a minute or more after the student
     * submitted it, so the notice is POSTed as soon as the request ends (a shutdown function,
     * short timeouts). The ad hoc task is queued in any case, with the same eventid, and runs a
     * minute later: if the immediate delivery went through, ThesisDesk answers 409 (eventid
     * already received) and the task ends; if it did not, the task retries until it does.
     *
     * @param array $payload the body's fields except eventid and site
     */
    public static function queue(array $payload): void {
        $data = ['eventid' => \core\uuid::generate()] + $payload;
        $task = new self();
        $task->set_custom_data($data);
        $task->set_next_run_time(time() + self::FALLBACK_DELAY);
        \core\task\manager::queue_adhoc_task($task);
        \core_shutdown_manager::register_function([self::class, 'deliver_now'], [$data]);
    }

    /**
     * The immediate delivery (a shutdown function): one try with short timeouts, never throws.
     *
     * @param array $data custom data of the task
     */
    public static function deliver_now(array $data): void {
        try {
            self::post($data, 2, 5);
        } catch (\Throwable $e) {
            debugging('ThesisDesk webhook: immediate delivery failed, the queued task retries: ' .
                $e->getMessage(), DEBUG_DEVELOPER);
        }
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
     * Send the notice (the queued task: Moodle runs it again later if it throws).
     */
    public function execute() {
        $status = self::post((array) $this->get_custom_data(), 10, 20);
        if ($status === 0) {
            mtrace('ThesisDesk URL not set: deposit notice dropped.');
        } else if ($status === 409) {
            // ThesisDesk already has this eventid: delivered right after the request, or an
            // earlier try was received but its answer lost.
            mtrace('Deposit notice already received by ThesisDesk (HTTP 409).');
        } else {
            mtrace('Deposit notice delivered to ThesisDesk (HTTP ' . $status . ').');
        }
    }

    /**
     * POST the notice, signed; the HTTP status (2xx or 409), or 0 when no URL is set.
     *
     * @param array $data custom data of the task
     * @param int $connecttimeout seconds to connect
     * @param int $timeout seconds for the whole request
     * @return int
     * @throws \moodle_exception on a network error or another status
     */
    public static function post(array $data, int $connecttimeout, int $timeout): int {
        global $CFG;
        require_once($CFG->libdir . '/filelib.php');

        $baseurl = rtrim((string) get_config('local_thesisdesk', 'thesisdeskurl'), '/');
        if ($baseurl === '') {
            return 0;
        }
        $secret = (string) get_config('local_thesisdesk', 'webhooksecret');
        $body = self::body($data);
        $timestamp = time();

        // The URL is set by the site administrator (it often points to a host on the
        // internal network), so the cURL security block list does not apply to it.
        $curl = new \curl(['ignoresecurity' => true]);
        $curl->setHeader([
            'Content-Type: application/json',
            'X-ThesisDesk-Timestamp: ' . $timestamp,
            'X-ThesisDesk-Signature: ' . self::signature($secret, $timestamp, $body),
        ]);
        $curl->post($baseurl . self::PATH, $body,
            ['CURLOPT_TIMEOUT' => $timeout, 'CURLOPT_CONNECTTIMEOUT' => $connecttimeout]);
        $info = $curl->get_info();
        $status = (int) ($info['http_code'] ?? 0);
        if ($curl->get_errno() || (($status < 200 || $status >= 300) && $status !== 409)) {
            throw new \moodle_exception('webhookfailed', 'local_thesisdesk', '', (object) [
                'status' => $status,
                'error' => $curl->error,
            ]);
        }
        return $status;
    }
}
