import { Space, Tag, Tooltip } from 'antd';
import type { Role } from '../../../../shared/roles.ts';
import type { User } from './api.ts';
import { formatDateTime, isFuture } from '../../ui/format.ts';
import { ADMIN_ROLES, ROLE_LABELS } from '../../ui/labels.ts';
import { TEXT_MUTED } from '../../ui/theme.ts';

export function RoleTags({ roles }: { roles: Role[] }) {
  if (roles.length === 0) return <span style={{ color: TEXT_MUTED }}>未分配</span>;
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r} color={ADMIN_ROLES.includes(r) ? 'gold' : 'blue'}>
          {ROLE_LABELS[r] ?? r}
        </Tag>
      ))}
    </Space>
  );
}

export function UserStatusTags({ user }: { user: User }) {
  const locked = isFuture(user.lockedUntil);
  return (
    <Space size={[4, 4]} wrap>
      {user.disabled ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>}
      {locked ? (
        <Tooltip title={`有来源地址连续登录失败，该地址暂停登录至 ${formatDateTime(user.lockedUntil)}`}>
          <Tag color="red">登录受限</Tag>
        </Tooltip>
      ) : null}
      {user.mustChangePassword ? <Tag color="orange">待修改密码</Tag> : null}
    </Space>
  );
}
