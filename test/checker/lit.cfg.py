# lit configuration for the refcycle check tests. The generated lit.site.cfg.py
# in the build tree sets the tool paths and then loads this file.
import os
import shlex
import shutil

import lit.formats

config.name = "refcycle-checks (%s)" % config.refcycle_mode
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = config.refcycle_exec_root

q = shlex.quote
runner = [config.refcycle_python, config.refcycle_runner,
          "--clang-tidy=" + config.refcycle_clang_tidy,
          "--filecheck=" + config.refcycle_filecheck,
          "--clangxx=" + config.refcycle_clangxx,
          "--runtime-include=" + config.refcycle_runtime_include]
clang_tidy = [config.refcycle_clang_tidy]
if config.refcycle_plugin:
    runner.append("--load=" + config.refcycle_plugin)
    clang_tidy.append("--load=" + config.refcycle_plugin)

config.substitutions.append(("%check_clang_tidy", " ".join(q(a) for a in runner)))
config.substitutions.append(("%clang_tidy", " ".join(q(a) for a in clang_tidy)))
config.substitutions.append(("%clangxx", q(config.refcycle_clangxx)))
config.substitutions.append(("%FileCheck", q(config.refcycle_filecheck)))
config.substitutions.append(("%runtime_include", q(config.refcycle_runtime_include)))

# Whole-program analysis (test/checker/whole-program): the reduce tool,
# split-file for multi-TU inputs, and a headless browser for the HTML report.
refcycle_graph = getattr(config, "refcycle_graph", "")
if refcycle_graph:
    config.available_features.add("refcycle-graph")
config.substitutions.append(("%refcycle_graph", q(refcycle_graph or "refcycle-graph")))
config.substitutions.append(("%split_file", q(os.path.join(
    os.path.dirname(config.refcycle_filecheck), "split-file"))))
config.substitutions.append(("%python", q(config.refcycle_python)))
if shutil.which("dot"):
    config.available_features.add("graphviz")
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium:
    config.available_features.add("chromium")
    config.substitutions.append(("%chromium", q(chromium)))
else:
    lit_config.note("chromium is not installed: skipping the browser test of "
                    "the refcycle-graph HTML report (apt-get install chromium)")

config.available_features.add("llvm-%s" % config.refcycle_llvm_major)
config.available_features.add("mode-%s" % config.refcycle_mode)

# Framework models are tested against the real headers of the Debian
# packages scripts/test installs (Qt 5, glibmm/sigc++, gtkmm, Boost, Asio): the
# compile flags come from pkg-config, as a project's build would pass them.
# A missing package makes those tests fail to compile, not pass silently.
import subprocess


def pkg_config_cflags(*modules):
    try:
        out = subprocess.run(["pkg-config", "--cflags"] + list(modules),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=False).stdout
    except OSError:
        out = ""
    return out.strip() or "-DREFCYCLE_MISSING_PKG_CONFIG_" + "_".join(modules)


_qt5 = pkg_config_cflags("Qt5Core")
config.substitutions.append(("%qt5_system_cflags",
                             " ".join("-isystem" + f[2:] if f.startswith("-I") else f
                                      for f in _qt5.split()) + " -fPIC"))
config.substitutions.append(("%qt5_cflags", _qt5 + " -fPIC"))
config.substitutions.append(("%glibmm_cflags", pkg_config_cflags("glibmm-2.4")))
config.substitutions.append(("%gtkmm_cflags", pkg_config_cflags("gtkmm-3.0")))
