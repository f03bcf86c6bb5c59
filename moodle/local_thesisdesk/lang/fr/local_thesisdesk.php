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

/**
 * Chaînes françaises de local_thesisdesk.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['cannotaddmember'] = 'L\'utilisateur {$a} n\'a pas pu être ajouté au groupe.';
$string['cannotmovesection'] = 'La section n\'a pas pu être placée après « {$a} ».';
$string['cutoffbeforedue'] = 'La date limite est antérieure à la date de remise.';
$string['deleted'] = 'L\'objet Moodle de « {$a} » a été supprimé : synchronisez-le à nouveau pour le recréer.';
$string['duebeforeallow'] = 'La date de remise est antérieure à l\'ouverture des remises.';
$string['duplicatekey'] = 'La clé « {$a} » apparaît plusieurs fois dans ce lot.';
$string['eventgroupmissing'] = 'Un événement de groupe demande une groupkey ou un groupid.';
$string['groupnametaken'] = 'Un autre groupe de ce cours s\'appelle déjà « {$a} ».';
$string['invaliddate'] = 'La date {$a} ne peut pas être négative.';
$string['invalidduration'] = 'La durée ne peut pas être négative.';
$string['invalideventtype'] = 'Type d\'événement inconnu « {$a} » : utilisez course ou group.';
$string['invalidkey'] = 'Une clé doit compter de 1 à 255 caractères.';
$string['invalidkey_kind'] = 'La clé « {$a->key} » appartient déjà à un élément de type {$a->kind}.';
$string['invalidmaxfiles'] = 'Le nombre maximal de fichiers doit être compris entre 1 et 100 ({$a} reçu).';
$string['invalidtype'] = 'Type inconnu « {$a} » : utilisez resource ou folder.';
$string['keywords'] = 'Mots-clés';
$string['messagenotsent'] = 'La notification à l\'utilisateur {$a} n\'a pas pu être envoyée.';
$string['messageprovider:notification'] = 'Notifications de ThesisDesk (échéances, attributions, défenses)';
$string['nofiles'] = 'La zone brouillon {$a} ne contient aucun de vos fichiers : déposez d\'abord les fichiers avec webservice/upload.php.';
$string['nosubjects'] = 'Aucun sujet n\'a encore été publié pour ce cours.';
$string['notapplicable'] = 'Les éléments de type {$a} ne peuvent pas être affichés ou cachés.';
$string['placesleft'] = 'Places restantes';
$string['pluginname'] = 'ThesisDesk';
$string['privacy:metadata:core_message'] = 'ThesisDesk envoie des notifications aux utilisateurs par la messagerie de Moodle.';
$string['privacy:metadata:sent'] = 'Les notifications déjà envoyées, pour n\'en envoyer aucune deux fois.';
$string['privacy:metadata:sent:courseid'] = 'Le cours concerné par la notification.';
$string['privacy:metadata:sent:messageid'] = 'Le message Moodle de la notification.';
$string['privacy:metadata:sent:notifkey'] = 'La clé donnée par ThesisDesk à la notification.';
$string['privacy:metadata:sent:timecreated'] = 'Date d\'envoi de la notification.';
$string['privacy:metadata:sent:userid'] = 'Le destinataire.';
$string['privacy:metadata:thesisdesk'] = 'Quand un étudiant dépose dans un devoir géré par ThesisDesk, un avis est envoyé à ThesisDesk.';
$string['privacy:metadata:thesisdesk:status'] = 'Le statut de la remise.';
$string['privacy:metadata:thesisdesk:submissionid'] = 'La remise.';
$string['privacy:metadata:thesisdesk:timemodified'] = 'Date de dernière modification de la remise.';
$string['privacy:metadata:thesisdesk:userid'] = 'L\'étudiant qui a déposé.';
$string['privacy:sentnotifications'] = 'Notifications de ThesisDesk';
$string['subjectcatalogue'] = 'Sujets de mémoire';
$string['supervisors'] = 'Promoteurs';
$string['task_sendwebhook'] = 'Envoyer un avis de dépôt à ThesisDesk';
$string['thesisdesk:manage'] = 'Gérer ce que ThesisDesk construit dans un cours';
$string['thesisdesk:notify'] = 'Envoyer des notifications ThesisDesk';
$string['thesisdesk:view'] = 'Voir ce que ThesisDesk gère dans un cours';
$string['thesisdeskurl'] = 'Adresse de ThesisDesk';
$string['thesisdeskurl_desc'] = 'L\'adresse de base de ThesisDesk, par ex. https://thesisdesk.example.edu. Les avis de dépôt sont envoyés à son adresse /hooks/moodle/. Laisser vide pour n\'en envoyer aucun.';
$string['unknowncourse'] = 'Aucun cours d\'identifiant {$a}.';
$string['unknowngroup'] = 'Aucun groupe {$a} dans ce cours.';
$string['unknowngrouping'] = 'Aucun groupement {$a} dans ce cours.';
$string['unknowngroupkey'] = 'Aucun groupe de clé « {$a} » dans ce cours : synchronisez d\'abord le groupe.';
$string['unknownkey'] = 'Aucun élément de clé « {$a} » dans ce cours.';
$string['unknownsectionkey'] = 'Aucune section de clé « {$a} » dans ce cours : synchronisez d\'abord la section.';
$string['unknownsectionkey_after'] = 'Aucune section de clé « {$a} » après laquelle placer cette section.';
$string['unknownuser'] = 'L\'utilisateur {$a} n\'existe pas.';
$string['usernotenrolled'] = 'L\'utilisateur {$a} n\'est pas inscrit au cours.';
$string['webhookfailed'] = 'ThesisDesk n\'a pas accepté l\'avis de dépôt (HTTP {$a->status}) {$a->error}';
$string['webhooksecret'] = 'Secret du webhook';
$string['webhooksecret_desc'] = 'Le secret partagé avec ThesisDesk pour signer les avis de dépôt (HMAC-SHA256). Utilisez la même valeur que MOODLE_WEBHOOK_SECRET dans ThesisDesk.';
