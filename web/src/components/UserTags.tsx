import { Space, Tag, Tooltip } from 'antd';
import type { Role, User } from '../api/types.ts';
import { formatDateTime, isFuture } from '../utils/format.ts';
import { ADMIN_ROLES, ROLE_LABELS } from '../utils/labels.ts';

export function RoleTags({ roles }: { roles: Role[] }) {
  if (roles.length === 0) return <span style={{ color: '#999' }}>未分配</span>;
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
        <Tooltip title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>
          <Tag color="red">已锁定</Tag>
        </Tooltip>
      ) : null}
      {user.mustChangePassword ? <Tag color="orange">待修改密码</Tag> : null}
    </Space>
  );
}
