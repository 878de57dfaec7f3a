package dev.parley.adapters.persistence;

import dev.parley.application.contract.OutPorts;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The PostgreSQL repositories as {@link OutPorts}; each is looked up when first asked for, so a
 * contract test creates only the repositories it uses (the message one starts a committer thread).
 */
@Singleton
@Requires(env = "adapters-test")
class JdbcOutPorts implements OutPorts {
  private final BeanContext beans;

  JdbcOutPorts(BeanContext beans) {
    this.beans = beans;
  }

  @Override
  public JdbcUserRepository users() {
    return beans.getBean(JdbcUserRepository.class);
  }

  @Override
  public JdbcServerRepository servers() {
    return beans.getBean(JdbcServerRepository.class);
  }

  @Override
  public JdbcMembershipRepository memberships() {
    return beans.getBean(JdbcMembershipRepository.class);
  }

  @Override
  public JdbcBanRepository bans() {
    return beans.getBean(JdbcBanRepository.class);
  }

  @Override
  public JdbcInviteRepository invites() {
    return beans.getBean(JdbcInviteRepository.class);
  }

  @Override
  public JdbcChannelRepository channels() {
    return beans.getBean(JdbcChannelRepository.class);
  }

  @Override
  public JdbcMessageRepository messages() {
    return beans.getBean(JdbcMessageRepository.class);
  }

  @Override
  public JdbcReactionRepository reactions() {
    return beans.getBean(JdbcReactionRepository.class);
  }

  @Override
  public JdbcAttachmentRepository attachments() {
    return beans.getBean(JdbcAttachmentRepository.class);
  }

  @Override
  public JdbcReadStateRepository readStates() {
    return beans.getBean(JdbcReadStateRepository.class);
  }

  @Override
  public JdbcChannelChangeLog changes() {
    return beans.getBean(JdbcChannelChangeLog.class);
  }

  @Override
  public JdbcMessageSearch search() {
    return beans.getBean(JdbcMessageSearch.class);
  }

  @Override
  public JdbcSessionRepository sessions() {
    return beans.getBean(JdbcSessionRepository.class);
  }

  @Override
  public JdbcSocketTicketStore tickets() {
    return beans.getBean(JdbcSocketTicketStore.class);
  }
}
