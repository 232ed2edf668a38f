// 我的 (enterprise portal): the signed-in account, changing the password, 通知设置, signing out. What the
// account is for and who to call about it — no staff notions (units, data scope) here.
import { useNavigate } from 'react-router';
import { Button, Descriptions, Flex, Typography } from 'antd';
import { BellOutlined, KeyOutlined, LogoutOutlined, RightOutlined } from '@ant-design/icons';
import { useMe, useSession } from '../../auth/session.ts';
import { PORTAL_ROUTES, PUBLIC_ROUTES } from '../../routes.ts';
import { PortalCard, PortalPage } from './PortalPage.tsx';

export default function PortalMePage() {
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <PortalPage title="我的">
      <PortalCard title="账号信息">
        <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="使用人">{me.displayName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="受理单位">{me.tenant.name}</Descriptions.Item>
        </Descriptions>
      </PortalCard>
      <div style={{ background: '#fff', borderTop: '1px solid #e6ebef', borderBottom: '1px solid #e6ebef', marginBottom: 12 }}>
        {[
          { to: PORTAL_ROUTES.password, icon: <KeyOutlined />, label: '修改密码' },
          { to: PORTAL_ROUTES.notificationPreferences, icon: <BellOutlined />, label: '通知设置' },
        ].map((x, i) => (
          <Button
            key={x.to}
            type="text"
            block
            icon={x.icon}
            onClick={() => navigate(x.to)}
            style={{ height: 52, justifyContent: 'flex-start', paddingInline: 16, borderRadius: 0, borderTop: i ? '1px solid #f0f2f5' : undefined }}
          >
            <Flex justify="space-between" align="center" style={{ flex: 1 }}>
              {x.label}
              <RightOutlined style={{ color: '#8c99a5' }} aria-hidden />
            </Flex>
          </Button>
        ))}
      </div>
      <PortalCard>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          企业账号由受理单位审核开通。忘记密码、账号被锁定、需要停用账号或变更企业信息，请联系受理您诉求的应急管理部门。
        </Typography.Paragraph>
        <Button block danger icon={<LogoutOutlined />} onClick={() => void logout().then(() => navigate(PUBLIC_ROUTES.portalLogin, { replace: true }))}>
          退出登录
        </Button>
      </PortalCard>
    </PortalPage>
  );
}
