// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle: the C++ counterpart of Python's weak-reference toolbox. This
// umbrella header includes every component; each can also be included alone.
//
//   refcycle/weak_method.hpp        weakref.WeakMethod
//   refcycle/weak_value_map.hpp     weakref.WeakValueDictionary
//   refcycle/weak_set.hpp           weakref.WeakSet
//   refcycle/instance_registry.hpp  live-instance tracking without shared_ptr
//   refcycle/finalize.hpp           weakref.finalize, weakref.ref callbacks
//   refcycle/lru_cache.hpp          functools.lru_cache, cache_info(), cache_clear()
//   refcycle/null_mutex.hpp         the single-threaded locking policy
//
// See docs/runtime.md for the mapping, the differences from Python, and the
// thread-safety and complexity of each component.

#ifndef REFCYCLE_REFCYCLE_HPP
#define REFCYCLE_REFCYCLE_HPP

#include "refcycle/finalize.hpp"
#include "refcycle/instance_registry.hpp"
#include "refcycle/lru_cache.hpp"
#include "refcycle/null_mutex.hpp"
#include "refcycle/weak_method.hpp"
#include "refcycle/weak_set.hpp"
#include "refcycle/weak_value_map.hpp"

#endif  // REFCYCLE_REFCYCLE_HPP
