<?php
// Prints, as JSON, what local_thesisdesk declares: each external function's parameters and
// return value in the catalogue's node form, and db/services.php. Runs with plain PHP CLI
// (no Moodle): minimal stand-ins for core_external's description classes are defined here.
//
// Usage: php describe_plugin.php <path to moodle/local_thesisdesk>

namespace core_external {
    /** Stand-in for core_external\external_description. */
    abstract class external_description {
        /** @var string */
        public $desc;
        /** @var int */
        public $required;
        /** @var mixed */
        public $default;
        /** @var bool */
        public $allownull;

        /**
         * Constructor.
         *
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct($desc, $required, $default, $allownull = NULL_NOT_ALLOWED) {
            $this->desc = $desc;
            $this->required = $required;
            $this->default = $default;
            $this->allownull = (bool) $allownull;
        }
    }

    /** Stand-in for core_external\external_value. */
    class external_value extends external_description {
        /** @var string */
        public $type;

        /**
         * Constructor.
         *
         * @param string $type
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct($type, $desc = '', $required = VALUE_REQUIRED, $default = null,
                $allownull = NULL_ALLOWED) {
            parent::__construct($desc, $required, $default, $allownull);
            $this->type = $type;
        }
    }

    /** Stand-in for core_external\external_single_structure. */
    class external_single_structure extends external_description {
        /** @var array */
        public $keys;

        /**
         * Constructor.
         *
         * @param array $keys
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct(array $keys, $desc = '', $required = VALUE_REQUIRED, $default = null,
                $allownull = NULL_NOT_ALLOWED) {
            parent::__construct($desc, $required, $default, $allownull);
            $this->keys = $keys;
        }
    }

    /** Stand-in for core_external\external_multiple_structure. */
    class external_multiple_structure extends external_description {
        /** @var external_description */
        public $content;

        /**
         * Constructor.
         *
         * @param external_description $content
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct(external_description $content, $desc = '', $required = VALUE_REQUIRED,
                $default = null, $allownull = NULL_NOT_ALLOWED) {
            parent::__construct($desc, $required, $default, $allownull);
            $this->content = $content;
        }
    }

    /** Stand-in for core_external\external_function_parameters. */
    class external_function_parameters extends external_single_structure {
        /**
         * Constructor.
         *
         * @param array $keys
         * @param string $desc
         * @param int $required
         * @param mixed $default
         */
        public function __construct(array $keys, $desc = '', $required = VALUE_REQUIRED, $default = null) {
            parent::__construct($keys, $desc, $required, $default, NULL_NOT_ALLOWED);
        }
    }

    /** Stand-in for core_external\external_warnings. */
    class external_warnings extends external_multiple_structure {
        /**
         * Constructor, as in Moodle.
         */
        public function __construct() {
            parent::__construct(new external_single_structure([
                'item' => new external_value(PARAM_TEXT, 'item', VALUE_OPTIONAL),
                'itemid' => new external_value(PARAM_INT, 'item id', VALUE_OPTIONAL),
                'warningcode' => new external_value(PARAM_ALPHANUM,
                    'the warning code can be used by the client app to implement specific behaviour'),
                'message' => new external_value(PARAM_RAW, 'untranslated english message to explain the warning'),
            ], 'warning'), 'list of warnings', VALUE_OPTIONAL);
        }
    }

    /** Stand-in for core_external\external_api. */
    class external_api {
    }
}

namespace {
    define('MOODLE_INTERNAL', true);
    define('VALUE_REQUIRED', 1);
    define('VALUE_OPTIONAL', 2);
    define('VALUE_DEFAULT', 0);
    define('NULL_NOT_ALLOWED', false);
    define('NULL_ALLOWED', true);
    // PARAM_* constants: the value is the constant's own name, so the output names it.
    foreach (['INT', 'RAW', 'TEXT', 'BOOL', 'ALPHA', 'ALPHANUM', 'ALPHANUMEXT', 'URL', 'NOTAGS', 'CLEANHTML', 'FLOAT',
            'LOCALURL', 'PLUGIN', 'COMPONENT', 'AREA', 'SAFEDIR', 'SAFEPATH', 'FILE', 'PATH', 'HOST', 'EMAIL',
            'USERNAME', 'LANG', 'THEME', 'SEQUENCE', 'TAGLIST', 'TAG', 'CAPABILITY', 'AUTH', 'BASE64', 'PEM',
            'ALPHAEXT', 'STRINGID', 'TIMEZONE', 'LOCALISEDFLOAT', 'PERMISSION', 'RAW_TRIMMED'] as $name) {
        define('PARAM_' . $name, 'PARAM_' . $name);
    }
    define('PARAM_CLEAN', 'PARAM_RAW');
    define('PARAM_INTEGER', 'PARAM_INT');
    define('PARAM_NUMBER', 'PARAM_FLOAT');
    define('PARAM_ACTION', 'PARAM_ALPHANUMEXT');
    define('PARAM_FORMAT', 'PARAM_ALPHANUMEXT');
    define('PARAM_MULTILANG', 'PARAM_TEXT');

    /**
     * One description node in the catalogue's form.
     *
     * @param \core_external\external_description $node
     * @return array
     */
    function local_thesisdesk_describe_node(\core_external\external_description $node): array {
        $required = [VALUE_REQUIRED => 'VALUE_REQUIRED', VALUE_OPTIONAL => 'VALUE_OPTIONAL',
            VALUE_DEFAULT => 'VALUE_DEFAULT'][$node->required] ?? (string) $node->required;
        $out = [];
        if ($node instanceof \core_external\external_value) {
            $out['kind'] = 'value';
            $out['type'] = $node->type;
        } else if ($node instanceof \core_external\external_single_structure) {
            $out['kind'] = 'single_structure';
        } else {
            $out['kind'] = 'multiple_structure';
        }
        if ($node instanceof \core_external\external_function_parameters) {
            $out['class'] = 'external_function_parameters';
        } else if ($node instanceof \core_external\external_warnings) {
            $out['class'] = 'external_warnings';
        }
        $out['required'] = $required;
        $out['default'] = $node->default;
        $out['allownull'] = $node->allownull;
        $out['desc'] = $node->desc;
        if ($node instanceof \core_external\external_single_structure) {
            $out['keys'] = [];
            foreach ($node->keys as $key => $child) {
                $out['keys'][$key] = local_thesisdesk_describe_node($child);
            }
            if (!$out['keys']) {
                $out['keys'] = new stdClass();
            }
        } else if ($node instanceof \core_external\external_multiple_structure) {
            $out['content'] = local_thesisdesk_describe_node($node->content);
        }
        return $out;
    }

    $plugindir = rtrim($argv[1] ?? '', '/');
    if ($plugindir === '' || !is_dir($plugindir . '/classes/external')) {
        fwrite(STDERR, "usage: php describe_plugin.php <moodle/local_thesisdesk>\n");
        exit(2);
    }

    // The plugin's own classes, as Moodle's autoloader finds them.
    spl_autoload_register(function (string $class) use ($plugindir): void {
        if (str_starts_with($class, 'local_thesisdesk\\')) {
            $file = $plugindir . '/classes/' . str_replace('\\', '/', substr($class, strlen('local_thesisdesk\\'))) . '.php';
            if (is_file($file)) {
                require_once($file);
            }
        }
    });

    $functions = [];
    $services = [];
    require($plugindir . '/db/services.php');

    $described = [];
    foreach ($functions as $name => $definition) {
        $classname = '\\' . ltrim($definition['classname'], '\\');
        $relative = str_replace('\\', '/', substr(ltrim($definition['classname'], '\\'), strlen('local_thesisdesk\\')));
        $file = $plugindir . '/classes/' . $relative . '.php';
        $entry = ['definition' => $definition, 'file' => is_file($file) ? 'classes/' . $relative . '.php' : null];
        if (is_file($file)) {
            require_once($file);
            $method = $definition['methodname'] ?? 'execute';
            $entry['parameters'] = local_thesisdesk_describe_node($classname::{$method . '_parameters'}());
            $returns = $classname::{$method . '_returns'}();
            $entry['returns'] = $returns === null ? null : local_thesisdesk_describe_node($returns);
            $entry['execute_arguments'] = array_map(fn($p) => $p->getName(),
                (new ReflectionMethod($classname, $method))->getParameters());
        }
        $described[$name] = $entry;
    }
    $classfiles = array_map(fn($f) => 'classes/external/' . basename($f), glob($plugindir . '/classes/external/*.php'));
    echo json_encode(['functions' => $described, 'services' => $services, 'external_class_files' => $classfiles],
        JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
}
