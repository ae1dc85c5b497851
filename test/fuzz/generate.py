#!/usr/bin/env python3
"""Generates C++ fragments of the shapes the refcycle checks look at.

  test/fuzz/generate.py --seed S --count N --out DIR

Each fragment is a short translation unit (it assumes test/fuzz/prelude.h is
included, as refcycle-fuzz does): classes owning each other through
shared_ptr, unique_ptr, weak_ptr and raw pointers, directly or in containers;
lambdas capturing this (or a shared_ptr to it) stored in std::function
members, passed to registration functions, to std::thread; static caches and
instance registries that grow with or without a way to shrink; templates,
inheritance and macros around them. The same seed gives the same files.
test/fuzz/corpus/ is `generate.py --seed 1 --count 60` plus hand-written cases.
"""

import argparse
import os
import random

POINTERS = ["std::shared_ptr<{t}>", "std::weak_ptr<{t}>", "std::unique_ptr<{t}>", "{t} *"]
CONTAINERS = ["std::vector<{p}>", "std::list<{p}>", "std::map<int, {p}>",
              "std::unordered_map<std::string, {p}>", "std::set<{p}>", "std::deque<{p}>"]
CALLBACK_TYPES = ["std::function<void()>", "std::function<void(int)>",
                  "std::function<bool(const std::string &)>"]
CAPTURES = ["[this]", "[=]", "[&]", "[self = shared_from_this()]",
            "[weak = weak_from_this()]", "[this, n]", "[p = this]"]
REGISTRATION = ["subscribe", "connect", "add_listener", "on", "post", "register_callback",
                "set_handler", "defer"]


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.lines = []

    def pick(self, items):
        return self.rng.choice(items)

    def member_type(self, target):
        pointer = self.pick(POINTERS).format(t=target)
        if self.rng.random() < 0.35 and not pointer.startswith("std::unique_ptr"):
            return self.pick(CONTAINERS).format(p=pointer)
        return pointer

    def classes(self):
        count = self.rng.randint(1, 4)
        names = ["N%d" % i for i in range(count)]
        for name in names:
            self.lines.append("struct %s;" % name)
        for i, name in enumerate(names):
            base = " : std::enable_shared_from_this<%s>" % name if self.rng.random() < 0.5 else ""
            self.lines.append("struct %s%s {" % (name, base))
            for j in range(self.rng.randint(1, 3)):
                target = self.pick(names)
                self.lines.append("  %s m%d;" % (self.member_type(target), j))
            if self.rng.random() < 0.4:
                self.lines.append("  void reset() { *this = %s(); }" % name)
            self.lines.append("};")

    def callbacks(self):
        cb = self.pick(CALLBACK_TYPES)
        args = {"std::function<void()>": "()", "std::function<void(int)>": "(int)",
                "std::function<bool(const std::string &)>": "(const std::string &)"}[cb]
        ret = "return true;" if "bool" in cb else ""
        self.lines.append("struct Source {")
        self.lines.append("  std::vector<%s> handlers;" % cb)
        fn = self.pick(REGISTRATION)
        self.lines.append("  void %s(%s h) { handlers.push_back(std::move(h)); }" % (fn, cb))
        if self.rng.random() < 0.5:
            self.lines.append("  void clear() { handlers.clear(); }")
        self.lines.append("};")
        if self.rng.random() < 0.3:
            self.lines.append("%s g_callback;" % cb)
        self.lines.append("struct Widget : std::enable_shared_from_this<Widget> {")
        self.lines.append("  int n = 0;")
        self.lines.append("  %s own;" % cb)
        holder = self.pick(["std::shared_ptr<Source> src;", "Source *src = nullptr;",
                            "Source &src;", "std::weak_ptr<Source> wsrc;"])
        self.lines.append("  " + holder)
        if holder.startswith("Source &"):
            self.lines.append("  explicit Widget(Source &s) : src(s) {}")
        self.lines.append("  void start() {")
        for _ in range(self.rng.randint(1, 3)):
            capture = self.pick(CAPTURES)
            body = "{ n++; %s }" % ret if "this" in capture or capture in ("[=]", "[&]") \
                else "{ %s }" % ret
            if "self" in capture:
                body = "{ self->n++; %s }" % ret
            if capture == "[p = this]":
                body = "{ p->n++; %s }" % ret
            if "weak" in capture:
                body = "{ if (auto s = weak.lock()) s->n++; %s }" % ret
            if "n]" in capture:
                capture = "[this]"
            lam = "%s%s %s" % (capture, args, body)
            where = self.rng.randint(0, 5)
            if where == 0:
                self.lines.append("    own = %s;" % lam)
            elif where == 1 and holder == "std::shared_ptr<Source> src;":
                self.lines.append("    src->%s(%s);" % (fn, lam))
            elif where == 2 and "&src" in holder:
                self.lines.append("    src.%s(%s);" % (fn, lam))
            elif where == 3 and args == "()":
                self.lines.append("    std::thread(%s).detach();" % lam)
            elif where == 4 and "wsrc" in holder:
                self.lines.append("    if (auto s = wsrc.lock()) s->%s(%s);" % (fn, lam))
            elif "g_callback" in "\n".join(self.lines):
                self.lines.append("    g_callback = %s;" % lam)
            else:
                self.lines.append("    own = %s;" % lam)
        self.lines.append("  }")
        if self.rng.random() < 0.3:
            self.lines.append("  ~Widget() { own = nullptr; }")
        self.lines.append("};")

    def cache(self):
        key = self.pick(["std::string", "int", "const void *"])
        value = self.pick(["std::shared_ptr<Item>", "Item", "std::weak_ptr<Item>",
                           "std::unique_ptr<Item>", "std::vector<Item>"])
        container = self.pick(["std::map", "std::unordered_map"])
        self.lines.append("struct Item { int v = 0; };")
        static = self.rng.random() < 0.6
        storage = "static %s<%s, %s> cache;" % (container, key, value)
        self.lines.append("struct Registry {")
        if static:
            self.lines.append("  " + storage)
        else:
            self.lines.append("  %s<%s, %s> cache;" % (container, key, value))
        make = {"std::shared_ptr<Item>": "std::make_shared<Item>()", "Item": "Item{}",
                "std::weak_ptr<Item>": "std::weak_ptr<Item>()",
                "std::unique_ptr<Item>": "std::make_unique<Item>()",
                "std::vector<Item>": "std::vector<Item>(1)"}[value]
        keyexpr = {"std::string": "std::to_string(k)", "int": "k",
                   "const void *": "static_cast<const void *>(&cache)"}[key]
        self.lines.append("  void put(int k) { %s }" % self.pick([
            "cache[%s] = %s;" % (keyexpr, make),
            "cache.emplace(%s, %s);" % (keyexpr, make),
            "cache.insert({%s, %s});" % (keyexpr, make)]))
        shrink = self.rng.randint(0, 3)
        if shrink == 1:
            self.lines.append("  void drop(int k) { cache.erase(%s); }" % keyexpr)
        elif shrink == 2:
            self.lines.append("  void trim() { if (cache.size() > 100) cache.clear(); }")
        self.lines.append("};")
        if static:
            self.lines.append("%s<%s, %s> Registry::cache;" % (container, key, value))
        if self.rng.random() < 0.4:
            self.lines.append("%s<%s, %s> &global_cache() { static %s<%s, %s> c; "
                              "return c; }" % (container, key, value, container, key, value))
        if self.rng.random() < 0.4:
            self.lines.append("struct Instance { static std::vector<Instance *> all; "
                              "Instance() { all.push_back(this); } };")
            self.lines.append("std::vector<Instance *> Instance::all;")

    def decorate(self):
        text = "\n".join(self.lines)
        roll = self.rng.random()
        if roll < 0.15:
            text = "namespace ns%d {\n%s\n}" % (self.rng.randint(0, 9), text)
        elif roll < 0.25:
            text = "#define PTR(T) std::shared_ptr<T>\n" + text.replace(
                "std::shared_ptr<N0>", "PTR(N0)")
        elif roll < 0.35:
            text = "template <class T> struct Box { std::shared_ptr<T> item; " \
                   "std::shared_ptr<Box> next; };\n" + text + "\nBox<int> b;"
        return text + "\n"


def fragment(rng):
    gen = Gen(rng)
    for part in rng.sample([gen.classes, gen.callbacks, gen.cache], rng.randint(1, 3)):
        part()
    return gen.decorate()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(args.count):
        with open(os.path.join(args.out, "gen-%d-%03d.cpp" % (args.seed, i)), "w",
                  encoding="utf-8") as handle:
            handle.write(fragment(rng))


if __name__ == "__main__":
    main()
