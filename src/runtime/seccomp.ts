/**
 * Podyard's `RuntimeDefault` seccomp profile.
 *
 * Docker's and containerd's default profiles are allowlists of ~350 syscalls; keeping one in sync
 * by hand is error-prone, so this profile is the complementary denylist: everything is allowed
 * except the syscalls those profiles refuse, and, as in those profiles, some are refused only
 * when the container lacks the capability that legitimately needs them. `clone3` answers ENOSYS
 * (so libc falls back to `clone`, whose namespace flags can be filtered), exactly as Docker does.
 * See moby `profiles/seccomp/default.json`.
 */

/** A syscall group refused with EPERM unless the container holds `unlessCap`. */
interface DenyRule {
  names: string[];
  unlessCap?: string;
}

const DENY: DenyRule[] = [
  // Always refused (kernel keyring, obsolete or host-wide).
  {
    names: [
      'add_key', 'keyctl', 'request_key', 'get_kernel_syms', 'nfsservctl', 'query_module', 'uselib', 'ustat',
      'sysfs', '_sysctl', 'vm86', 'vm86old', 'userfaultfd', 'lookup_dcookie',
    ],
  },
  { names: ['acct'], unlessCap: 'CAP_SYS_PACCT' },
  { names: ['clock_adjtime', 'clock_settime', 'settimeofday', 'stime', 'adjtimex'], unlessCap: 'CAP_SYS_TIME' },
  { names: ['create_module', 'delete_module', 'init_module', 'finit_module'], unlessCap: 'CAP_SYS_MODULE' },
  { names: ['kexec_file_load', 'kexec_load', 'reboot'], unlessCap: 'CAP_SYS_BOOT' },
  { names: ['ioperm', 'iopl'], unlessCap: 'CAP_SYS_RAWIO' },
  { names: ['get_mempolicy', 'set_mempolicy', 'mbind', 'move_pages'], unlessCap: 'CAP_SYS_NICE' },
  { names: ['open_by_handle_at'], unlessCap: 'CAP_DAC_READ_SEARCH' },
  { names: ['perf_event_open'], unlessCap: 'CAP_PERFMON' },
  { names: ['bpf'], unlessCap: 'CAP_BPF' },
  { names: ['syslog'], unlessCap: 'CAP_SYSLOG' },
  {
    names: [
      'mount', 'umount', 'umount2', 'unshare', 'setns', 'pivot_root', 'swapon', 'swapoff', 'quotactl', 'quotactl_fd',
      'name_to_handle_at', 'fanotify_init', 'fsconfig', 'fsmount', 'fsopen', 'fspick', 'mount_setattr', 'move_mount',
      'open_tree', 'setdomainname', 'sethostname',
    ],
    unlessCap: 'CAP_SYS_ADMIN',
  },
];

/** clone(2) flags that create namespaces; refused without CAP_SYS_ADMIN. */
const CLONE_NAMESPACE_FLAGS = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000];

/** OCI `linux.seccomp` for a container holding `caps` (its bounding set). */
export function defaultSeccompProfile(caps: ReadonlySet<string>): Record<string, unknown> {
  const syscalls: Record<string, unknown>[] = [];
  for (const rule of DENY) {
    if (rule.unlessCap && caps.has(rule.unlessCap)) continue;
    syscalls.push({ names: rule.names, action: 'SCMP_ACT_ERRNO', errnoRet: 1 });
  }
  if (!caps.has('CAP_SYS_ADMIN')) {
    for (const flag of CLONE_NAMESPACE_FLAGS) {
      syscalls.push({
        names: ['clone'],
        action: 'SCMP_ACT_ERRNO',
        errnoRet: 1,
        args: [{ index: 0, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
      });
    }
    // ENOSYS: glibc and musl fall back to clone(2), whose flags are filtered above.
    syscalls.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
  }
  return {
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
    syscalls,
  };
}
